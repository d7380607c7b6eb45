package io.hyperrep.ml.hyper;

/**
 * Sizes and loss settings of the transformer autoencoder (docs/METHOD.md §3, §5). Validated on
 * construction so that an impossible configuration fails before any graph is built.
 *
 * @param gamma weight of the contrastive term: loss = gamma*NT-Xent + (1-gamma)*reconstruction
 * @param lwln  layer-wise loss normalisation on (the paper) or off (the ablation's baseline)
 * @param centred the autoencoder sees each weight minus its training-split mean, scaled per layer (with
 *              LWLN) or globally, and adds the mean back on decoding (not the paper's: see
 *              {@link NormalizationStats}); false feeds raw weights as the paper does
 */
public record AutoencoderConfig(int dModel, int heads, int dFf, int blocks, int latent, double dropout,
                                int projectionLayers, int projectionHidden, int projectionOut,
                                double gamma, double temperature, boolean lwln, int batchSize, boolean centred) {

    /** Raw-weight input, as the paper. */
    public AutoencoderConfig(int dModel, int heads, int dFf, int blocks, int latent, double dropout, int projectionLayers,
                             int projectionHidden, int projectionOut, double gamma, double temperature, boolean lwln, int batchSize) {
        this(dModel, heads, dFf, blocks, latent, dropout, projectionLayers, projectionHidden, projectionOut, gamma, temperature, lwln,
                batchSize, false);
    }

    public AutoencoderConfig {
        positive("dModel", dModel);
        positive("heads", heads);
        positive("dFf", dFf);
        positive("latent", latent);
        positive("projectionLayers", projectionLayers);
        positive("projectionHidden", projectionHidden);
        positive("projectionOut", projectionOut);
        positive("batchSize", batchSize);
        if (blocks < 0) {
            throw new IllegalArgumentException("blocks must be >= 0 (0 = no transformer blocks), got " + blocks);
        }
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must divide dModel (" + dModel + "): each head gets dModel/heads"
                    + " features");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma (weight of the contrastive term) must be in [0, 1], got " + gamma);
        }
        if (!(temperature > 0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
        }
        if (batchSize < 2 && gamma > 0) {
            throw new IllegalArgumentException("the contrastive loss (gamma > 0) needs batchSize >= 2, got " + batchSize);
        }
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }

    /**
     * The embedded demo's size: one narrow block, trains on a few hundred checkpoints in about a
     * minute on 2 cores so the whole loop completes quickly; not meant for quality.
     */
    public static AutoencoderConfig demoSize() {
        return new AutoencoderConfig(32, 2, 64, 1, 16, 0.1, 2, 64, 16, 0.1, 0.1, true, 16);
    }

    /** Default for the 2-core CPU machine: small enough to train on the bundled zoo in minutes. */
    public static AutoencoderConfig cpuDefault() {
        return new AutoencoderConfig(64, 4, 128, 2, 128, 0.1, 2, 128, 32, 0.1, 0.1, true, 32);
    }

    /**
     * The CPU default widened for CNN-s so that nothing bounds what a code can carry: d_model 208 (at
     * least the widest token, 201) and a latent of 2,464 (the weight vector's length). The config that
     * comes closest to reproducing unseen models of the bundled zoo (docs/results/hyper-representation.md);
     * a step costs ~3x the default's.
     */
    public static AutoencoderConfig cnnSWide() {
        return new AutoencoderConfig(208, 4, 416, 2, 2464, 0.1, 2, 128, 32, 0.1, 0.1, true, 32);
    }

    /** The 2021 MNIST configuration (docs/METHOD.md §3.5 table), for GPU machines. */
    public static AutoencoderConfig paperScale() {
        return new AutoencoderConfig(800, 4, 900, 2, 700, 0.1, 4, 400, 50, 0.1, 0.1, true, 500);
    }

    /** The shipped configs by name, as {@code --config} and {@code trainer.config} accept them. */
    public static java.util.Map<String, AutoencoderConfig> presets() {
        var m = new java.util.LinkedHashMap<String, AutoencoderConfig>();
        m.put("cpu", cpuDefault());
        m.put("cnn-s-wide", cnnSWide());
        m.put("paper", paperScale());
        m.put("demo", demoSize());
        return java.util.Collections.unmodifiableMap(m);
    }

    public AutoencoderConfig withLwln(boolean on) {
        return new AutoencoderConfig(dModel, heads, dFf, blocks, latent, dropout, projectionLayers, projectionHidden, projectionOut,
                gamma, temperature, on, batchSize, centred);
    }

    public AutoencoderConfig withBatchSize(int b) {
        return new AutoencoderConfig(dModel, heads, dFf, blocks, latent, dropout, projectionLayers, projectionHidden, projectionOut,
                gamma, temperature, lwln, b, centred);
    }

    public AutoencoderConfig withDropout(double d) {
        return new AutoencoderConfig(dModel, heads, dFf, blocks, latent, d, projectionLayers, projectionHidden, projectionOut,
                gamma, temperature, lwln, batchSize, centred);
    }

    public AutoencoderConfig withCentred(boolean on) {
        return new AutoencoderConfig(dModel, heads, dFf, blocks, latent, dropout, projectionLayers, projectionHidden, projectionOut,
                gamma, temperature, lwln, batchSize, on);
    }
}
