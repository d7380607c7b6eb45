package io.hyperrep.ml.gan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes and training schedule of the latent GAN ({@link GanSampler}). Both networks are MLPs with
 * {@code hiddenLayers} LeakyReLU layers of {@code hiddenWidth} units; one step is one discriminator
 * update followed by one generator update, each on {@code batchSize} rows. The training seed is not
 * part of the configuration: it comes with {@code fit(anchors, seed)}.
 *
 * @param noiseDim     dimension of the generator's standard-normal input
 * @param hiddenWidth  units per hidden layer, in both networks
 * @param hiddenLayers hidden layers per network
 * @param learningRate Adam step size of both networks (beta1 0.5, beta2 0.999: the usual GAN setting)
 * @param steps        alternating discriminator/generator steps
 * @param batchSize    real rows (drawn with replacement) and noise rows per step
 */
public record GanConfig(int noiseDim, int hiddenWidth, int hiddenLayers, double learningRate, int steps, int batchSize) {

    public GanConfig {
        atLeast("noiseDim", noiseDim, 1);
        atLeast("hiddenWidth", hiddenWidth, 1);
        atLeast("hiddenLayers", hiddenLayers, 1);
        atLeast("steps", steps, 1);
        atLeast("batchSize", batchSize, 2);
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1), got " + learningRate);
        }
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }

    /** Default for latent codes of dimension 16-128 and a few hundred anchors, sized for a CPU. */
    public static GanConfig latentDefault() {
        return new GanConfig(32, 128, 2, 5e-4, 4000, 64);
    }

    /** The configuration as lineage parameters. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("noiseDim", noiseDim);
        m.put("hiddenWidth", hiddenWidth);
        m.put("hiddenLayers", hiddenLayers);
        m.put("learningRate", learningRate);
        m.put("steps", steps);
        m.put("batchSize", batchSize);
        return m;
    }
}
