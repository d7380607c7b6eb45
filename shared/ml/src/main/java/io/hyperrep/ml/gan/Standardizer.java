package io.hyperrep.ml.gan;

/**
 * Per-dimension standardisation of latent codes. The GAN trains on unit-scale data and its samples
 * are mapped back; a constant column keeps scale 1 so that it is reproduced at its value instead of
 * dividing by zero.
 */
record Standardizer(double[] mean, double[] scale) {

    static Standardizer fit(float[][] rows) {
        int d = rows[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (float[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= rows.length;
        }
        for (float[] r : rows) {
            for (int j = 0; j < d; j++) {
                scale[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
            }
        }
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(scale[j] / rows.length);
            scale[j] = std > 0 ? std : 1;
        }
        return new Standardizer(mean, scale);
    }

    int dim() {
        return mean.length;
    }

    float[][] apply(float[][] rows) {
        float[][] out = new float[rows.length][dim()];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < dim(); j++) {
                out[i][j] = (float) ((rows[i][j] - mean[j]) / scale[j]);
            }
        }
        return out;
    }

    float[][] invert(float[][] rows) {
        float[][] out = new float[rows.length][dim()];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < dim(); j++) {
                out[i][j] = (float) (rows[i][j] * scale[j] + mean[j]);
            }
        }
        return out;
    }
}
