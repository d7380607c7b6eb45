package io.hyperrep.core.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JointKdeSamplerTest {

    /** Tight pairs (two "epochs" of one model) far apart from each other, in 16 dimensions. */
    private static float[][] pairs(int models, int dim, double within, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[2 * models][dim];
        for (int m = 0; m < models; m++) {
            for (int j = 0; j < dim; j++) {
                double centre = r.nextGaussian();
                x[2 * m][j] = (float) (centre + within * r.nextGaussian());
                x[2 * m + 1][j] = (float) (centre + within * r.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void shouldStayInTheAnchorsNeighbourhoodsWhereThePerDimensionKdeWandersOff() {
        float[][] anchors = pairs(30, 16, 0.02, 5);
        JointKdeSampler joint = (JointKdeSampler) JointKdeSampler.factory().fit(anchors, 1);
        assertTrue(
                joint.scale() < 0.1, "leave-one-out likelihood sizes h to the pairs, not the cloud: " + joint.scale());
        LatentSampler perDim = KdeSampler.factory().fit(anchors, 1);
        double jointNearest = meanNearest(joint.sample(400, 3), anchors);
        double perDimNearest = meanNearest(perDim.sample(400, 3), anchors);
        // the cloud has unit spread per dimension: anchors are ~sqrt(2*16) = 5.7 apart
        assertTrue(jointNearest < 0.5, "joint samples lie next to an anchor: " + jointNearest);
        assertTrue(perDimNearest > 3, "per-dimension samples mix anchors and land between them: " + perDimNearest);
    }

    @Test
    void shouldMatchTheAnalyticMomentsOfTheMixture() {
        float[][] anchors = SamplerFixtures.anchors(50, 3, 11);
        JointKdeSampler s = (JointKdeSampler) JointKdeSampler.factory().fit(anchors, 2);
        float[][] z = s.sample(200_000, 9);
        for (int j = 0; j < 3; j++) {
            double var = SamplerFixtures.variance(anchors, j);
            double h = s.scale() * Math.sqrt(var);
            assertEquals(SamplerFixtures.mean(anchors, j), SamplerFixtures.mean(z, j), 0.01, "mean of dimension " + j);
            assertEquals(
                    var + h * h, SamplerFixtures.variance(z, j), 0.02 * (var + h * h), "variance of dimension " + j);
        }
    }

    @Test
    void shouldBeDeterministicAndRefuseWhatItCannotFit() {
        float[][] anchors = SamplerFixtures.anchors(10, 4, 1);
        assertArrayEquals(
                JointKdeSampler.factory().fit(anchors, 1).sample(5, 7)[4],
                JointKdeSampler.factory().fit(anchors, 1).sample(5, 7)[4]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JointKdeSampler.factory()
                        .fit(new float[][] {{1f, 2f}}, 1))
                .getMessage()
                .contains("at least 2 anchors"));
        assertThrows(
                IllegalArgumentException.class,
                () -> JointKdeSampler.factory().fit(anchors, 1).sample(-1, 1));
    }

    private static double meanNearest(float[][] z, float[][] anchors) {
        double total = 0;
        for (float[] row : z) {
            double best = Double.POSITIVE_INFINITY;
            for (float[] a : anchors) {
                best = Math.min(best, SamplerFixtures.distance(row, a));
            }
            total += best;
        }
        return total / z.length;
    }
}
