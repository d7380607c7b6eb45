package io.hyperrep.ml.hyper;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.hyper.LayerScales;
import io.hyperrep.core.zoo.Checkpoint;
import java.util.Arrays;
import java.util.List;

/**
 * Statistics of the raw training checkpoints that a trained autoencoder is tied to: the per-layer LWLN
 * scales of the raw weights, the per-parameter mean (the baseline of R^2, docs/METHOD.md §5.2) and, for a
 * {@linkplain AutoencoderConfig#centred() centred} autoencoder, the scales of the weights' deviations
 * from that mean ({@code inputScales}, null for raw input).
 *
 * <p>Why centring: a zoo whose models share an initialisation (or stay near their own) has a large
 * per-parameter mean and small differences between models. Fed raw weights, the autoencoder spends its
 * capacity and its loss on reproducing the mean, and the LWLN scale of a layer (the spread of its raw
 * weights) is far larger than the spread between models, so what tells the models apart is weighted
 * near zero. Centred input {@code (w - mean) / s} with {@code s} the deviations' spread per layer puts
 * the loss where the models differ; the graph's loss weights are then 1 (the scaling already is the
 * layer normalisation). Measured and recorded in docs/decisions/centred-input.md.
 */
public record NormalizationStats(LayerScales scales, float[] parameterMean, LayerScales inputScales) {

    public NormalizationStats {
        if (parameterMean.length != scales.arch().parameterCount()) {
            throw new IllegalArgumentException("parameter mean has " + parameterMean.length + " entries, "
                    + scales.arch().id() + " has " + scales.arch().parameterCount() + " parameters");
        }
        if (inputScales != null && !inputScales.arch().equals(scales.arch())) {
            throw new IllegalArgumentException(
                    "input scales are for " + inputScales.arch().id() + ", the statistics for "
                            + scales.arch().id());
        }
    }

    /** Statistics of an autoencoder that takes raw weights (the paper). */
    public NormalizationStats(LayerScales scales, float[] parameterMean) {
        this(scales, parameterMean, null);
    }

    public static NormalizationStats fit(Architecture arch, List<Checkpoint> train) {
        return fit(arch, train, false, true);
    }

    /**
     * The statistics of {@code train}; with {@code centred}, also the deviations' scale: per layer when
     * {@code perLayer} (LWLN), one for all parameters otherwise (the ablation without LWLN).
     */
    public static NormalizationStats fit(Architecture arch, List<Checkpoint> train, boolean centred, boolean perLayer) {
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
        return new NormalizationStats(scales, mean, centred ? deviationScales(arch, train, mean, perLayer) : null);
    }

    private static LayerScales deviationScales(
            Architecture arch, List<Checkpoint> train, float[] mean, boolean perLayer) {
        int layers = arch.layers().size();
        double[] sq = new double[layers];
        long[] n = new long[layers];
        for (int l = 0; l < layers; l++) {
            int from = arch.weightOffset(l);
            int to = arch.layerEnd(l);
            for (Checkpoint c : train) {
                float[] w = c.weights();
                for (int i = from; i < to; i++) {
                    double d = w[i] - mean[i];
                    sq[l] += d * d;
                }
            }
            n[l] = (long) (to - from) * Math.max(1, train.size() - 1);
        }
        double[] sigma = new double[layers];
        if (perLayer) {
            for (int l = 0; l < layers; l++) {
                sigma[l] = Math.max(LayerScales.MIN_SIGMA, Math.sqrt(sq[l] / n[l]));
            }
        } else {
            double all = Math.max(
                    LayerScales.MIN_SIGMA,
                    Math.sqrt(Arrays.stream(sq).sum() / Arrays.stream(n).sum()));
            Arrays.fill(sigma, all);
        }
        return new LayerScales(arch, sigma);
    }

    public Architecture arch() {
        return scales.arch();
    }

    public boolean centred() {
        return inputScales != null;
    }

    /** What the graph takes for a canonical weight vector: the weights themselves, or centred and scaled. */
    public float[] toModelInput(float[] canonical) {
        if (inputScales == null) {
            return canonical;
        }
        float[] s = inputScales.perParameter();
        float[] out = new float[canonical.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (canonical[i] - parameterMean[i]) / s[i];
        }
        return out;
    }

    // Kept apart (duplicates): the inverse of toModelInput, one formula each; a shared loop would hide both.
    /** The canonical weights of a graph output (the inverse of {@link #toModelInput}). */
    public float[] fromModelOutput(float[] output) {
        if (inputScales == null) {
            return output;
        }
        float[] s = inputScales.perParameter();
        float[] out = new float[output.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = output[i] * s[i] + parameterMean[i];
        }
        return out;
    }

    /**
     * The per-parameter scale the graph's LWLN loss divides by: the raw weights' layer spread, or 1 for
     * centred input, whose scaling already normalises each layer.
     */
    public float[] lossScales() {
        if (inputScales == null) {
            return scales.perParameter();
        }
        float[] ones = new float[arch().parameterCount()];
        Arrays.fill(ones, 1f);
        return ones;
    }
}
