package io.hyperrep.core.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplersTest {

    private static final float[][] ANCHORS = SamplerFixtures.anchors(20, 3, 2);

    @Test
    void shouldProvideTheBuiltInMethodsUnderTheirNames() {
        Samplers samplers = Samplers.builtIn();
        assertEquals(List.of("uniform", "kde", "kde-joint", "kde-faithful", "neigh"), List.copyOf(samplers.methods()));
        for (String method : samplers.methods()) {
            LatentSampler s = samplers.fit(method, ANCHORS, 1);
            assertEquals(method, s.method());
            float[][] z = s.sample(4, 1);
            assertEquals(4, z.length);
            assertEquals(3, z[0].length);
        }
    }

    @Test
    void shouldListKnownMethodsForAnUnknownOne() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Samplers.builtIn().factory("gan"));
        assertTrue(
                e.getMessage().contains("'gan'")
                        && e.getMessage().contains("uniform, kde, kde-joint, kde-faithful, neigh"),
                e.getMessage());
    }

    @Test
    void shouldRegisterExtraMethodsWithoutChangingTheOriginalRegistry() {
        LatentSampler gan = new LatentSampler() {
            @Override
            public String method() {
                return "gan";
            }

            @Override
            public Map<String, Object> parameters() {
                return Map.of();
            }

            @Override
            public float[][] sample(int n, long seed) {
                return new float[n][3];
            }
        };
        Samplers base = Samplers.builtIn();
        Samplers extended = base.with("gan", (anchors, seed) -> gan);
        assertSame(gan, extended.fit("gan", ANCHORS, 0));
        assertTrue(extended.methods().contains("gan"));
        assertThrows(IllegalArgumentException.class, () -> base.factory("gan"));
        assertThrows(IllegalArgumentException.class, () -> base.with(" ", (anchors, seed) -> gan));
        assertThrows(IllegalArgumentException.class, () -> base.with("x", null));
    }
}
