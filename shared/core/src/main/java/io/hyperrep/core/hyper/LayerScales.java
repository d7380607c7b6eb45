package io.hyperrep.core.hyper;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.zoo.Checkpoint;
import java.util.List;

/**
 * Layer-wise loss normalisation statistics (docs/METHOD.md §5.2): per layer l, sigma_l = the unbiased std
 * of every weight and bias of that layer over all raw training checkpoints, clamped below at 1e-4.
 */
public record LayerScales(Architecture arch, double[] sigma) {

    public static final double MIN_SIGMA = 1e-4;

    public static LayerScales fit(Architecture arch, List<Checkpoint> train) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("layer scales need at least one training checkpoint");
        }
        int layers = arch.layers().size();
        double[] sigma = new double[layers];
        for (int l = 0; l < layers; l++) {
            int from = arch.weightOffset(l);
            int to = arch.layerEnd(l);
            double sum = 0;
            double sq = 0;
            long n = 0;
            for (Checkpoint c : train) {
                float[] w = c.weights();
                for (int i = from; i < to; i++) {
                    sum += w[i];
                    sq += (double) w[i] * w[i];
                    n++;
                }
            }
            double mean = sum / n;
            double var = n > 1 ? (sq - n * mean * mean) / (n - 1) : 0;
            sigma[l] = Math.max(MIN_SIGMA, Math.sqrt(Math.max(0, var)));
        }
        return new LayerScales(arch, sigma);
    }

    /** sigma broadcast to every parameter (canonical order). */
    public float[] perParameter() {
        float[] s = new float[arch.parameterCount()];
        for (int l = 0; l < sigma.length; l++) {
            int from = arch.weightOffset(l);
            int to = l + 1 < sigma.length ? arch.weightOffset(l + 1) : s.length;
            java.util.Arrays.fill(s, from, to, (float) sigma[l]);
        }
        return s;
    }
}
