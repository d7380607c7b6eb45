package io.hyperrep.core.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UniformSamplerTest {

    private final LatentSampler sampler = UniformSampler.factory().fit(SamplerFixtures.anchors(5, 3, 1), 0);

    @Test
    void shouldStayInsideMinusOneOneWithUniformMoments() {
        float[][] z = sampler.sample(50_000, 3);
        for (float[] row : z) {
            assertEquals(3, row.length);
            for (float v : row) {
                assertTrue(v >= -1 && v < 1, "value " + v);
            }
        }
        for (int j = 0; j < 3; j++) {
            assertEquals(0, SamplerFixtures.mean(z, j), 0.012);
            assertEquals(1.0 / 3, SamplerFixtures.variance(z, j), 0.01);
        }
    }

    @Test
    void shouldBeDeterministicPerSeed() {
        assertTrue(Arrays.deepEquals(sampler.sample(10, 5), sampler.sample(10, 5)));
        assertFalse(Arrays.deepEquals(sampler.sample(10, 5), sampler.sample(10, 6)));
    }

    @Test
    void shouldUseTheGivenRangeAndReportIt() {
        float[][] z = UniformSampler.factory(2, 3).fit(new float[][] {{0}}, 0).sample(1000, 1);
        for (float[] row : z) {
            assertTrue(row[0] >= 2 && row[0] < 3);
        }
        assertEquals(-1.0, sampler.parameters().get("low"));
        assertEquals("uniform", sampler.method());
        assertThrows(IllegalArgumentException.class, () -> UniformSampler.factory(1, 1));
        assertThrows(IllegalArgumentException.class, () -> sampler.sample(-1, 0));
    }
}
