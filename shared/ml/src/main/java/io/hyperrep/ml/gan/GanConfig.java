package io.hyperrep.ml.gan;

import io.hyperrep.core.sample.LineageParameters;
import java.util.Map;

/**
 * Sizes and training schedule of the latent GAN (design: package {@code io.hyperrep.ml.gan}). Both
 * networks are MLPs with {@code hiddenLayers} LeakyReLU layers of {@code hiddenWidth} units; the
 * discriminator scores {@code pack} rows at once (PacGAN). One step updates both players once, on
 * {@code batchSize} real rows and as many generated rows. The seed is not part of the configuration:
 * it comes with {@code fit(anchors, seed)}.
 *
 * @param noiseDim     dimension of the generator's standard-normal input
 * @param hiddenWidth  units per hidden layer, in both networks
 * @param hiddenLayers hidden layers per network
 * @param pack         rows the discriminator judges together (1: a plain GAN); divides {@code batchSize}
 * @param learningRate Adam step size of both networks (beta1 0.5, beta2 0.999)
 * @param steps        training steps
 * @param batchSize    real rows (drawn with replacement) and noise rows per step
 */
public record GanConfig(
        int noiseDim, int hiddenWidth, int hiddenLayers, int pack, double learningRate, int steps, int batchSize) {

    public GanConfig {
        atLeast("noiseDim", noiseDim, 1);
        atLeast("hiddenWidth", hiddenWidth, 1);
        atLeast("hiddenLayers", hiddenLayers, 1);
        atLeast("steps", steps, 1);
        atLeast("pack", pack, 1);
        atLeast("batchSize", batchSize, 1);
        if (batchSize % pack != 0) {
            throw new IllegalArgumentException("GAN batchSize " + batchSize + " is not a multiple of pack " + pack);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("GAN learningRate must be in (0, 1), got " + learningRate);
        }
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("GAN " + name + " must be at least " + min + ", got " + value);
        }
    }

    /** The defaults of the {@code gan} method: latent codes of dimension 16-128 from 20-100 anchors, on a CPU. */
    public static GanConfig defaults() {
        return new GanConfig(32, 128, 2, 4, 2e-3, 1500, 64);
    }

    /** The configuration as lineage parameters. */
    public Map<String, Object> asMap() {
        return LineageParameters.empty()
                .put("noiseDim", noiseDim)
                .put("hiddenWidth", hiddenWidth)
                .put("hiddenLayers", hiddenLayers)
                .put("pack", pack)
                .put("learningRate", learningRate)
                .put("steps", steps)
                .put("batchSize", batchSize)
                .toMap();
    }
}
