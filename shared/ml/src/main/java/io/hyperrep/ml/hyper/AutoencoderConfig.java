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
public record AutoencoderConfig(
        int dModel,
        int heads,
        int dFf,
        int blocks,
        int latent,
        double dropout,
        int projectionLayers,
        int projectionHidden,
        int projectionOut,
        double gamma,
        double temperature,
        boolean lwln,
        int batchSize,
        boolean centred) {

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
            throw new IllegalArgumentException("heads (" + heads + ") must divide dModel (" + dModel
                    + "): each head gets dModel/heads" + " features");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException(
                    "gamma (weight of the contrastive term) must be in [0, 1], got " + gamma);
        }
        if (!(temperature > 0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
        }
        if (batchSize < 2 && gamma > 0) {
            throw new IllegalArgumentException(
                    "the contrastive loss (gamma > 0) needs batchSize >= 2, got " + batchSize);
        }
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }

    // Kept apart (duplicates): the presets read alike by design, one named and documented size each.
    /**
     * The embedded demo's size: one narrow block, trains on a few hundred checkpoints in about a
     * minute on 2 cores so the whole loop completes quickly; not meant for quality.
     */
    public static AutoencoderConfig demoSize() {
        return new Builder()
                .transformer(32, 2, 64, 1)
                .latent(16)
                .projection(2, 64, 16)
                .batchSize(16)
                .build();
    }

    /** Default for the 2-core CPU machine: small enough to train on the bundled zoo in minutes. */
    public static AutoencoderConfig cpuDefault() {
        return new Builder()
                .transformer(64, 4, 128, 2)
                .latent(128)
                .projection(2, 128, 32)
                .batchSize(32)
                .build();
    }

    /**
     * The CPU default widened for CNN-s so that nothing bounds what a code can carry: d_model 208 (at
     * least the widest token, 201) and a latent of 2,464 (the weight vector's length). The config that
     * comes closest to reproducing unseen models of the bundled zoo (docs/results/hyper-representation.md);
     * a step costs ~3x the default's.
     */
    public static AutoencoderConfig cnnSWide() {
        return cpuDefault().toBuilder().transformer(208, 4, 416, 2).latent(2464).build();
    }

    /** The 2021 MNIST configuration (docs/METHOD.md §3.5 table), for GPU machines. */
    public static AutoencoderConfig paperScale() {
        return new Builder()
                .transformer(800, 4, 900, 2)
                .latent(700)
                .projection(4, 400, 50)
                .batchSize(500)
                .build();
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
        return toBuilder().lwln(on).build();
    }

    public AutoencoderConfig withBatchSize(int b) {
        return toBuilder().batchSize(b).build();
    }

    public AutoencoderConfig withDropout(double d) {
        return toBuilder().dropout(d).build();
    }

    public AutoencoderConfig withCentred(boolean on) {
        return toBuilder().centred(on).build();
    }

    /**
     * A config by name, field by field, for call sites that would otherwise pass fourteen positional
     * numbers. Starts from {@link #cpuDefault()}; {@link Builder#build()} validates as the constructor does.
     */
    public static Builder builder() {
        return cpuDefault().toBuilder();
    }

    /** A builder holding this config's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets {@link AutoencoderConfig}'s fields by name. */
    public static final class Builder {
        private int dModel;
        private int heads;
        private int dFf;
        private int blocks;
        private int latent;
        private double dropout;
        private int projectionLayers;
        private int projectionHidden;
        private int projectionOut;
        private double gamma;
        private double temperature;
        private boolean lwln;
        private int batchSize;
        private boolean centred;

        /** The presets' common ground: dropout, NT-Xent weight and temperature 0.1, LWLN on, raw input; sizes unset. */
        private Builder() {
            dropout = 0.1;
            gamma = 0.1;
            temperature = 0.1;
            lwln = true;
        }

        private Builder(AutoencoderConfig c) {
            dModel = c.dModel;
            heads = c.heads;
            dFf = c.dFf;
            blocks = c.blocks;
            latent = c.latent;
            dropout = c.dropout;
            projectionLayers = c.projectionLayers;
            projectionHidden = c.projectionHidden;
            projectionOut = c.projectionOut;
            gamma = c.gamma;
            temperature = c.temperature;
            lwln = c.lwln;
            batchSize = c.batchSize;
            centred = c.centred;
        }

        /** Token width, attention heads (must divide it), feed-forward width and number of transformer blocks. */
        public Builder transformer(int dModel, int heads, int dFf, int blocks) {
            this.dModel = dModel;
            this.heads = heads;
            this.dFf = dFf;
            this.blocks = blocks;
            return this;
        }

        // Kept apart (duplicates): one setter per field is what a builder is; each names the field it sets.
        public Builder dModel(int v) {
            dModel = v;
            return this;
        }

        public Builder heads(int v) {
            heads = v;
            return this;
        }

        public Builder dFf(int v) {
            dFf = v;
            return this;
        }

        public Builder blocks(int v) {
            blocks = v;
            return this;
        }

        public Builder latent(int v) {
            latent = v;
            return this;
        }

        public Builder dropout(double v) {
            dropout = v;
            return this;
        }

        /** The contrastive projection head: layers, hidden width, output width. */
        public Builder projection(int layers, int hidden, int out) {
            projectionLayers = layers;
            projectionHidden = hidden;
            projectionOut = out;
            return this;
        }

        public Builder gamma(double v) {
            gamma = v;
            return this;
        }

        public Builder temperature(double v) {
            temperature = v;
            return this;
        }

        public Builder lwln(boolean v) {
            lwln = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder centred(boolean v) {
            centred = v;
            return this;
        }

        public AutoencoderConfig build() {
            return new AutoencoderConfig(
                    dModel,
                    heads,
                    dFf,
                    blocks,
                    latent,
                    dropout,
                    projectionLayers,
                    projectionHidden,
                    projectionOut,
                    gamma,
                    temperature,
                    lwln,
                    batchSize,
                    centred);
        }
    }
}
