package io.hyperrep.ml.gan;

import io.hyperrep.core.sample.LatentSamplerFactory;
import io.hyperrep.ml.nd.Backend;

/** Trains a {@link GanSampler} on anchor embeddings with a fixed {@link GanConfig}. */
public final class GanSamplerFactory implements LatentSamplerFactory {

    private final GanConfig cfg;

    public GanSamplerFactory(GanConfig cfg) {
        if (cfg == null) {
            throw new IllegalArgumentException("the GAN configuration is missing");
        }
        this.cfg = cfg;
    }

    @Override
    public GanSampler fit(float[][] anchors, long seed) {
        validate(anchors);
        Standardizer standardizer = Standardizer.fit(anchors);
        float[][] rows = standardizer.apply(anchors);
        GanTrainer.Result trained = Backend.withoutHelpers(() -> new GanTrainer(cfg).train(rows, seed));
        return new GanSampler(cfg, standardizer, trained, seed, anchors.length);
    }

    private static void validate(float[][] anchors) {
        if (anchors == null || anchors.length < 2) {
            throw new IllegalArgumentException("a GAN needs at least 2 anchor codes, got "
                    + (anchors == null ? "none" : anchors.length));
        }
        int dim = anchors[0] == null ? 0 : anchors[0].length;
        if (dim == 0) {
            throw new IllegalArgumentException("anchor 0 is empty");
        }
        for (int i = 0; i < anchors.length; i++) {
            if (anchors[i] == null || anchors[i].length != dim) {
                throw new IllegalArgumentException("anchor " + i + " has " + (anchors[i] == null ? 0 : anchors[i].length)
                        + " dimensions, anchor 0 has " + dim);
            }
            for (int j = 0; j < dim; j++) {
                if (!Float.isFinite(anchors[i][j])) {
                    throw new IllegalArgumentException("anchor " + i + " has a non-finite value at dimension " + j);
                }
            }
        }
    }
}
