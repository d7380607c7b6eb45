package io.hyperrep.ml.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.sample.Samplers;
import io.hyperrep.ml.nd.Backend;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GanSamplerTest {

    /** Two well separated modes, off the origin and with different spreads per axis, so un-standardising matters. */
    private static final double[][] MODES = {{3, -4}, {7, -2}};

    private static final double MODE_STD = 0.3;
    private static final double[] MIXTURE_MEAN = {5, -3};
    /** Between-mode covariance (half the squared offset products) plus the modes' own variance. */
    private static final double[][] MIXTURE_COV = {{4 + MODE_STD * MODE_STD, 2}, {2, 1 + MODE_STD * MODE_STD}};

    private static final int DRAWS = 2000;
    /** Cheap settings for tests that check plumbing, not learning. */
    private static final GanConfig TINY = new GanConfig(4, 16, 1, 2, 1e-3, 40, 16);

    private static float[][] anchors;
    private static GanSampler fitted;

    @BeforeAll
    static void fitToMixture() {
        Backend.init();
        anchors = mixture(100, 3);
        fitted = new GanSamplerFactory(GanConfig.defaults()).fit(anchors, 11);
    }

    private static float[][] mixture(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][2];
        for (int i = 0; i < n; i++) {
            double[] c = MODES[i % MODES.length];
            x[i][0] = (float) (c[0] + MODE_STD * r.nextGaussian());
            x[i][1] = (float) (c[1] + MODE_STD * r.nextGaussian());
        }
        return x;
    }

    @Test
    void samplesMatchTheMixturesMeanAndCovariance() {
        float[][] x = fitted.sample(DRAWS, 5);
        double[] mean = new double[2];
        for (float[] r : x) {
            mean[0] += r[0] / x.length;
            mean[1] += r[1] / x.length;
        }
        double[][] cov = new double[2][2];
        for (float[] r : x) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    cov[a][b] += (r[a] - mean[a]) * (r[b] - mean[b]) / x.length;
                }
            }
        }
        String got = "mean " + Arrays.toString(mean) + ", cov " + Arrays.deepToString(cov);
        // the modes are 4.5 apart: 0.35 is a small fraction of that, and a collapsed GAN misses by ~2.2
        assertEquals(MIXTURE_MEAN[0], mean[0], 0.35, got);
        assertEquals(MIXTURE_MEAN[1], mean[1], 0.35, got);
        double diff = 0;
        double norm = 0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                diff += Math.pow(cov[a][b] - MIXTURE_COV[a][b], 2);
                norm += Math.pow(MIXTURE_COV[a][b], 2);
            }
        }
        assertTrue(
                Math.sqrt(diff / norm) < 0.3,
                "covariance off by " + Math.sqrt(diff / norm) + " (relative Frobenius): " + got);
    }

    @Test
    void samplesLieNearBothModes() {
        float[][] x = fitted.sample(DRAWS, 6);
        int[] nearest = new int[MODES.length];
        int close = 0;
        for (float[] r : x) {
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int k = 0; k < MODES.length; k++) {
                double d = Math.hypot(r[0] - MODES[k][0], r[1] - MODES[k][1]);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            nearest[best]++;
            if (bestDistance < 3 * MODE_STD) {
                close++;
            }
        }
        String got = "per mode " + Arrays.toString(nearest) + ", within 3 sd of a mode " + close + " of " + DRAWS;
        assertTrue(close >= 0.8 * DRAWS, got);
        for (int count : nearest) {
            assertTrue(count >= 0.25 * DRAWS, "a mode is missing or starved (collapse): " + got);
        }
    }

    @Test
    void sameSeedsGiveSameSamples() {
        float[][] small = mixture(20, 8);
        GanSamplerFactory factory = new GanSamplerFactory(TINY);
        float[][] first = factory.fit(small, 4).sample(50, 9);
        GanSampler again = factory.fit(small, 4);
        assertArrayEquals(first, again.sample(50, 9), "same anchors, fit seed and sample seed");
        assertFalse(Arrays.deepEquals(first, again.sample(50, 10)), "another sample seed gives other samples");
        assertFalse(
                Arrays.deepEquals(first, factory.fit(small, 5).sample(50, 9)),
                "another fit seed gives another generator");
        assertArrayEquals(fitted.sample(3, 1), fitted.sample(3, 1), "repeated draws from one sampler");
    }

    @Test
    void reportsMethodAndLineage() {
        assertEquals("gan", fitted.method());
        assertEquals(1500, fitted.parameters().get("steps"));
        assertEquals(4, fitted.parameters().get("pack"));
        assertEquals(100, fitted.parameters().get("anchors"));
        assertEquals(11L, fitted.parameters().get("fitSeed"));
        assertEquals(1500, fitted.trainingSummary().steps());
        assertTrue(
                Double.isFinite(fitted.trainingSummary().discriminatorLoss())
                        && Double.isFinite(fitted.trainingSummary().generatorLoss()),
                fitted.trainingSummary().toString());
        assertEquals(1, fitted.sample(1, 0).length);
    }

    @Test
    void rejectsBadAnchorsBeforeTraining() {
        GanSamplerFactory factory = new GanSamplerFactory(TINY);
        assertMessage(() -> factory.fit(new float[0][], 1), "got none");
        assertMessage(() -> factory.fit(null, 1), "got none");
        assertMessage(() -> factory.fit(new float[][] {{1, 2}}, 1), "at least 2");
        assertMessage(() -> factory.fit(new float[][] {{1, 2}, {3}}, 1), "anchor 1 has 1 dimensions, anchor 0 has 2");
        assertMessage(() -> factory.fit(new float[][] {{}, {}}, 1), "no dimensions");
        assertMessage(() -> factory.fit(new float[][] {{1, 2}, {3, Float.NaN}}, 1), "non-finite value at dimension 1");
    }

    @Test
    void rejectsNonPositiveCounts() {
        assertEquals(0, fitted.sample(0, 1).length);
        assertMessage(() -> fitted.sample(-3, 1), ">= 0, got -3");
    }

    @Test
    void rejectsInconsistentConfigurations() {
        assertMessage(() -> new GanConfig(4, 16, 1, 3, 1e-3, 40, 16), "batchSize 16 is not a multiple of pack 3");
        assertMessage(() -> new GanConfig(4, 16, 1, 2, 0, 40, 16), "learningRate");
        assertMessage(() -> new GanConfig(4, 16, 0, 2, 1e-3, 40, 16), "hiddenLayers");
        assertMessage(() -> new GanSamplerFactory(null), "configuration is missing");
    }

    // Kept apart (duplicates): this module's registry; the sampler service's SamplerRegistryTest checks its own
    @Test
    void registryOffersGanBesideTheBuiltInSamplers() {
        Samplers registry = GanSamplerFactory.registry();
        assertTrue(
                registry.methods().containsAll(Samplers.builtIn().methods()),
                registry.methods().toString());
        GanSamplerFactory gan = assertInstanceOf(GanSamplerFactory.class, registry.factory("gan"));
        assertEquals(GanConfig.defaults(), gan.config());
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(
                e.getMessage().contains(expected),
                "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
