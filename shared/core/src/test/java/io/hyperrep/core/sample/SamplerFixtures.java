package io.hyperrep.core.sample;

import java.util.Random;

/** Small anchor matrices and column statistics shared by the sampler tests. */
final class SamplerFixtures {

    private SamplerFixtures() {}

    /** {@code rows × dim} anchors with different scales per dimension. */
    static float[][] anchors(int rows, int dim, long seed) {
        Random rng = new Random(seed);
        float[][] a = new float[rows][dim];
        for (float[] row : a) {
            for (int j = 0; j < dim; j++) {
                row[j] = (float) ((j + 1) * 0.5 * rng.nextGaussian() + j);
            }
        }
        return a;
    }

    static double mean(float[][] m, int j) {
        double s = 0;
        for (float[] row : m) {
            s += row[j];
        }
        return s / m.length;
    }

    /** Population variance (ddof 0) of column j. */
    static double variance(float[][] m, int j) {
        double mu = mean(m, j);
        double s = 0;
        for (float[] row : m) {
            s += (row[j] - mu) * (row[j] - mu);
        }
        return s / m.length;
    }

    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (double) (a[j] - b[j]);
        }
        return Math.sqrt(s);
    }
}
