package io.hyperrep.core.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FaithfulKdeSamplerTest {

    private static final float[][] ANCHORS = {
        {0.1f, -0.5f, 2.0f},
        {0.3f, 0.25f, -1.0f},
        {-0.7f, 0.9f, 0.0f},
        {1.5f, -1.25f, 0.5f},
        {0.05f, 0.6f, -0.3f},
        {-1.1f, 0.2f, 0.8f},
        {0.45f, -0.05f, 1.2f},
    };

    /**
     * The original's procedure, run with numpy 2.4 (scikit-learn's KernelDensity.sample code inlined):
     * per column {@code rng = RandomState(42); u = rng.uniform(0, 1, 6); i = (u * 7).astype(int64);
     * rng.normal(data[i], 0.002)}, columns concatenated, cast to float32. Rows chosen: 2, 6, 5, 4, 1, 1.
     */
    private static final float[][] ORIGINAL = {
        {-6.968415380e-01f, 9.031584263e-01f, 3.158425679e-03f},
        {4.515348673e-01f, -4.846513271e-02f, 1.201534867e+00f},
        {-1.100938916e+00f, 1.990610510e-01f, 7.990610600e-01f},
        {5.108512193e-02f, 6.010851264e-01f, -2.989148796e-01f},
        {2.990731895e-01f, 2.490731627e-01f, -1.000926852e+00f},
        {2.990685403e-01f, 2.490685433e-01f, -1.000931501e+00f},
    };

    @Test
    void shouldReproduceTheOriginalSamplesWithSeed42() {
        float[][] z = FaithfulKdeSampler.factory().fit(ANCHORS, 0).sample(6, FaithfulKdeSampler.ORIGINAL_SEED);
        for (int k = 0; k < z.length; k++) {
            assertArrayEquals(ORIGINAL[k], z[k], 1e-7f, "sample " + k);
        }
    }

    @Test
    void shouldShiftAnAnchorAlongTheAllOnesDirection() {
        float[][] anchors = SamplerFixtures.anchors(30, 8, 4);
        float[][] z = FaithfulKdeSampler.factory().fit(anchors, 0).sample(500, 7);
        int nonZeroShifts = 0;
        for (float[] sample : z) {
            double bestSpread = Double.POSITIVE_INFINITY;
            double shift = 0;
            for (float[] anchor : anchors) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < anchor.length; j++) {
                    double d = sample[j] - anchor[j];
                    min = Math.min(min, d);
                    max = Math.max(max, d);
                }
                if (max - min < bestSpread) {
                    bestSpread = max - min;
                    shift = (max + min) / 2;
                }
            }
            // sample − anchor = c·(1, …, 1) up to float rounding; |c| = 0.002·|ε| is small.
            assertTrue(bestSpread < 1e-5, "offsets differ across dimensions by " + bestSpread);
            assertTrue(Math.abs(shift) < 0.002 * 6, "shift " + shift);
            if (Math.abs(shift) > 1e-5) {
                nonZeroShifts++;
            }
        }
        assertTrue(nonZeroShifts > 400, "noise is applied: " + nonZeroShifts);
    }

    @Test
    void shouldBeDeterministicPerSeed() {
        LatentSampler s = FaithfulKdeSampler.factory().fit(ANCHORS, 0);
        assertTrue(Arrays.deepEquals(s.sample(10, 1), s.sample(10, 1)));
        assertFalse(Arrays.deepEquals(s.sample(10, 1), s.sample(10, 2)));
        assertEquals(0.002, s.parameters().get("bandwidth"));
        assertEquals("kde-faithful", s.method());
    }
}
