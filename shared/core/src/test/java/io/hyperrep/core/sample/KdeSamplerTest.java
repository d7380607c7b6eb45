package io.hyperrep.core.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KdeSamplerTest {

    private final float[][] anchors = SamplerFixtures.anchors(40, 4, 11);

    @Test
    void shouldMatchAnalyticMomentsWithAFixedBandwidth() {
        assertMomentsMatch(
                KdeSampler.factory(KdeBandwidth.fixed(0.3)).fit(anchors, 0), new double[] {0.3, 0.3, 0.3, 0.3});
    }

    @Test
    void shouldMatchAnalyticMomentsWithSilvermanBandwidths() {
        KdeSampler kde = (KdeSampler) KdeSampler.factory().fit(anchors, 0);
        assertMomentsMatch(kde, kde.bandwidths());
    }

    /** Per dimension: mean = anchor mean, variance = anchor variance (ddof 0) + h². */
    private void assertMomentsMatch(LatentSampler kde, double[] h) {
        int n = 200_000;
        float[][] z = kde.sample(n, 9);
        for (int j = 0; j < h.length; j++) {
            double expectedVar = SamplerFixtures.variance(anchors, j) + h[j] * h[j];
            double meanTolerance = 5 * Math.sqrt(expectedVar / n);
            assertEquals(
                    SamplerFixtures.mean(anchors, j),
                    SamplerFixtures.mean(z, j),
                    meanTolerance,
                    "mean of dimension " + j);
            assertEquals(expectedVar, SamplerFixtures.variance(z, j), 0.03 * expectedVar, "variance of dimension " + j);
        }
    }

    @Test
    void shouldMixAnchorsAcrossDimensions() {
        // Two anchors far apart: an independent per-dimension KDE mixes their coordinates.
        float[][] two = {{0, 0, 0, 0}, {100, 100, 100, 100}};
        float[][] z = KdeSampler.factory(KdeBandwidth.fixed(0.01)).fit(two, 0).sample(200, 1);
        long mixed = Arrays.stream(z).filter(r -> (r[0] > 50) != (r[1] > 50)).count();
        assertTrue(mixed > 50, "mixed rows: " + mixed);
    }

    @Test
    void shouldComputeSilvermanBandwidthWithZeroSpreadGuard() {
        assertEquals(
                0.9 * (2 / 1.34) * Math.pow(5, -0.2), KdeBandwidth.Silverman.of(new double[] {1, 2, 3, 4, 5}), 1e-15);
        // IQR 0, sigma > 0: sigma is used.
        double sigma = Math.sqrt(12.8 / 4);
        assertEquals(0.9 * sigma * Math.pow(5, -0.2), KdeBandwidth.Silverman.of(new double[] {3, 3, 3, 3, 7}), 1e-15);
        assertEquals(0.9 * 2 * Math.pow(3, -0.2), KdeBandwidth.Silverman.of(new double[] {2, 2, 2}), 1e-15);
        assertEquals(0.9 * Math.pow(2, -0.2), KdeBandwidth.Silverman.of(new double[] {0, 0}), 1e-15);
    }

    @Test
    void shouldComputeTheLeaveOneOutLikelihoodExactly() {
        Random rng = new Random(3);
        double[] x = new double[60];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian() * (i % 3 == 0 ? 5 : 1);
        }
        Arrays.sort(x);
        for (double h : new double[] {0.05, 0.3, 1, 4}) {
            assertEquals(
                    bruteForceLoo(x, h), KdeBandwidth.LeaveOneOutCv.leaveOneOutLogLikelihood(x, h), 1e-9, "h=" + h);
        }
    }

    @Test
    void shouldPickTheGridBandwidthWithTheBestLeaveOneOutLikelihood() {
        List<Double> grid = List.of(0.2, 0.5, 1.0, 2.0);
        float[][] a = SamplerFixtures.anchors(80, 2, 5);
        double[] chosen = new KdeBandwidth.LeaveOneOutCv(grid).select(a);
        for (int j = 0; j < 2; j++) {
            double[] x = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                x[i] = a[i][j];
            }
            double base = KdeBandwidth.Silverman.of(x);
            double bestH = 0;
            double best = Double.NEGATIVE_INFINITY;
            for (double f : grid) {
                double s = bruteForceLoo(x, f * base);
                if (s > best) {
                    best = s;
                    bestH = f * base;
                }
            }
            assertEquals(bestH, chosen[j], 1e-12, "dimension " + j);
        }
    }

    private static double bruteForceLoo(double[] x, double h) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double density = 0;
            for (int k = 0; k < x.length; k++) {
                if (k != i) {
                    double u = (x[i] - x[k]) / h;
                    density += Math.exp(-u * u / 2) / (h * Math.sqrt(2 * Math.PI));
                }
            }
            total += Math.log(density / (x.length - 1));
        }
        return total;
    }

    @Test
    void shouldBeDeterministicPerSeedAndReportBandwidths() {
        LatentSampler kde = KdeSampler.factory().fit(anchors, 0);
        assertTrue(Arrays.deepEquals(kde.sample(20, 1), kde.sample(20, 1)));
        assertFalse(Arrays.deepEquals(kde.sample(20, 1), kde.sample(20, 2)));
        Map<String, Object> p = kde.parameters();
        assertEquals("silverman", p.get("bandwidthRule"));
        @SuppressWarnings("unchecked")
        List<Double> h = (List<Double>) p.get("bandwidths");
        assertArrayEquals(
                ((KdeSampler) kde).bandwidths(),
                h.stream().mapToDouble(Double::doubleValue).toArray());
        assertEquals(
                "loo-cv",
                KdeSampler.factory(KdeBandwidth.leaveOneOutCv())
                        .fit(anchors, 0)
                        .parameters()
                        .get("bandwidthRule"));
    }

    @Test
    void shouldRejectBadAnchorsAndBandwidths() {
        assertThrows(IllegalArgumentException.class, () -> KdeSampler.factory().fit(new float[0][], 0));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> KdeSampler.factory().fit(new float[][] {{1, 2}, {3}}, 0));
        assertTrue(e.getMessage().contains("anchor 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KdeSampler.factory().fit(new float[][] {{Float.NaN}}, 0));
        assertThrows(IllegalArgumentException.class, () -> KdeBandwidth.fixed(0));
        assertThrows(IllegalArgumentException.class, () -> new KdeBandwidth.LeaveOneOutCv(List.of()));
        assertThrows(IllegalArgumentException.class, () -> KdeSampler.factory(KdeBandwidth.leaveOneOutCv())
                .fit(new float[][] {{1}}, 0));
    }
}
