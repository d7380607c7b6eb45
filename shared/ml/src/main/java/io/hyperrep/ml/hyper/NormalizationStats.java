package io.hyperrep.ml.hyper;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.hyper.LayerScales;
import io.hyperrep.core.zoo.Checkpoint;
import java.util.List;

/**
 * Statistics of the raw training checkpoints that a trained autoencoder is tied to: the per-layer LWLN
 * scales (the loss weighting) and the per-parameter mean (the baseline of R^2, docs/METHOD.md §5.2).
 */
public record NormalizationStats(LayerScales scales, float[] parameterMean) {

    public NormalizationStats {
        if (parameterMean.length != scales.arch().parameterCount()) {
            throw new IllegalArgumentException("parameter mean has " + parameterMean.length + " entries, " + scales.arch().id()
                    + " has " + scales.arch().parameterCount() + " parameters");
        }
    }

    public static NormalizationStats fit(Architecture arch, List<Checkpoint> train) {
        LayerScales scales = LayerScales.fit(arch, train);
        double[] sum = new double[arch.parameterCount()];
        for (Checkpoint c : train) {
            float[] w = c.weights();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += w[i];
            }
        }
        float[] mean = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mean[i] = (float) (sum[i] / train.size());
        }
        return new NormalizationStats(scales, mean);
    }

    public Architecture arch() {
        return scales.arch();
    }
}
