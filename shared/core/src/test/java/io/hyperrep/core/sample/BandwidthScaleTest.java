package io.hyperrep.core.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BandwidthScaleTest {

    private final float[][] anchors = SamplerFixtures.anchors(40, 4, 11);

    @Test
    void shouldMultiplyEverySilvermanBandwidthAndSampleWithTheProducts() {
        KdeSampler plain = (KdeSampler) KdeSampler.factory().fit(anchors, 0);
        KdeSampler half =
                (KdeSampler) Samplers.builtIn().withBandwidthScale("kde", 0.5).fit("kde", anchors, 0);
        double[] h = plain.bandwidths();
        for (int j = 0; j < h.length; j++) {
            assertEquals(0.5 * h[j], half.bandwidths()[j], 1e-15, "bandwidth of dimension " + j);
        }
        float[][] z = half.sample(200_000, 9);
        for (int j = 0; j < h.length; j++) {
            double expected = SamplerFixtures.variance(anchors, j) + 0.25 * h[j] * h[j];
            assertEquals(expected, SamplerFixtures.variance(z, j), 0.03 * expected, "variance of dimension " + j);
        }
        assertEquals(0.5, half.parameters().get("bandwidthScale"));
        assertEquals("silverman", half.parameters().get("bandwidthRule"));
    }

    @Test
    void shouldComposeScalesOfScaledRules() {
        KdeBandwidth twice = KdeBandwidth.silverman().scaled(4).scaled(0.125);
        assertEquals(new KdeBandwidth.Scaled(KdeBandwidth.silverman(), 0.5), twice);
        assertArrayEquals(KdeBandwidth.silverman().scaled(0.5).select(anchors), twice.select(anchors), 1e-15);
    }

    @Test
    void shouldWidenTheJointKdeAroundEachAnchor() {
        JointKdeSampler plain = (JointKdeSampler) JointKdeSampler.factory().fit(anchors, 2);
        JointKdeSampler wide = (JointKdeSampler)
                Samplers.builtIn().withBandwidthScale("kde-joint", 3).fit("kde-joint", anchors, 2);
        assertEquals(plain.scale(), wide.scale(), "the leave-one-out choice itself is not changed");
        assertEquals(3 * plain.scale(), wide.effectiveScale(), 1e-15);
        float[][] z = wide.sample(200_000, 9);
        for (int j = 0; j < 4; j++) {
            double var = SamplerFixtures.variance(anchors, j);
            double h = wide.effectiveScale() * Math.sqrt(var);
            assertEquals(
                    var + h * h, SamplerFixtures.variance(z, j), 0.02 * (var + h * h), "variance of dimension " + j);
        }
        assertEquals(3.0, wide.parameters().get("bandwidthScale"));
        assertFalse(
                plain.parameters().containsKey("bandwidthScale"),
                "unscaled lineage keeps its old parameters: " + plain.parameters());
    }

    @Test
    void shouldDrawExactlyTheUnscaledSamplesAtScaleOne() {
        Samplers one = Samplers.builtIn().withBandwidthScale("kde", 1).withBandwidthScale("kde-joint", 1);
        for (String method : List.of("kde", "kde-joint")) {
            float[][] before = Samplers.builtIn().fit(method, anchors, 3).sample(50, 4);
            float[][] after = one.fit(method, anchors, 3).sample(50, 4);
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], method + " sample " + i);
            }
            assertEquals(1.0, one.fit(method, anchors, 3).parameters().get("bandwidthScale"), method);
        }
    }

    @Test
    void shouldRefuseMethodsWithoutABandwidthAndScalesThatAreNotPositive() {
        Samplers builtIn = Samplers.builtIn();
        assertEquals(List.of("kde", "kde-joint"), List.copyOf(builtIn.bandwidthMethods()));
        for (String method : List.of("uniform", "neigh", "kde-faithful")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> builtIn.withBandwidthScale(method, 0.5));
            assertTrue(
                    e.getMessage().contains("'" + method + "' has no bandwidth")
                            && e.getMessage().contains("kde, kde-joint"),
                    e.getMessage());
        }
        Samplers withOther =
                builtIn.with("other", (a, seed) -> UniformSampler.factory().fit(a, seed));
        assertThrows(IllegalArgumentException.class, () -> withOther.withBandwidthScale("other", 2));
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> builtIn.withBandwidthScale("kde", bad));
            assertTrue(e.getMessage().contains("positive finite"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> builtIn.withBandwidthScale("nope", 1));
        Samplers scaled = builtIn.withBandwidthScale("kde", 2);
        Map<String, Object> original = builtIn.fit("kde", anchors, 0).parameters();
        assertFalse(
                original.containsKey("bandwidthScale"), "scaling returns a new registry and leaves the original alone");
        assertEquals(2.0, scaled.fit("kde", anchors, 0).parameters().get("bandwidthScale"));
    }
}
