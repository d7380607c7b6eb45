package io.hyperrep.ml.hyper;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.token.TokenLayout;

/**
 * Matrix-multiplication FLOPs of the autoencoder, counted from its sizes (2*m*n*k per product, as the
 * graph builds them; elementwise ops, softmax and the optimiser are left out). A training step is
 * taken as 3x its forward pass (the backward pass of a product is two products of the same size).
 */
public final class AutoencoderFlops {

    private AutoencoderFlops() {}

    /** FLOPs of one training step: forward + backward of the training graph on 2B rows (two views per checkpoint). */
    public static double trainingStep(TokenLayout layout, AutoencoderConfig cfg) {
        return 3 * trainingForward(layout, cfg);
    }

    /** Forward FLOPs of the training graph: encoder and decoder on 2B rows, the projection head and NT-Xent. */
    public static double trainingForward(TokenLayout layout, AutoencoderConfig cfg) {
        double n = 2.0 * cfg.batchSize();
        return autoencoder(layout, cfg, n) + normScales(layout, cfg, n) + projection(cfg, n) + ntXent(cfg, n);
    }

    /** Training only: every Norm broadcasts its alpha to the token matrix as an outer product with a ones column. */
    static double normScales(TokenLayout layout, AutoencoderConfig cfg, double rows) {
        double norms = 2.0 * 2 * cfg.blocks(); // two per block, encoder and decoder
        return norms * 2 * rows * layout.tokens() * cfg.dModel();
    }

    /** Forward FLOPs of encoding and decoding {@code rows} checkpoints. */
    public static double autoencoder(TokenLayout layout, AutoencoderConfig cfg, double rows) {
        Architecture arch = layout.architecture();
        double t = layout.tokens();
        double d = cfg.dModel();
        double p = arch.parameterCount();
        double embed = 2 * rows * p * d; // per-layer token embedders: sum over layers of k_l*w_l = P
        double neck = 2 * rows * t * d * cfg.latent();
        double blocks = 2 * cfg.blocks() * block(cfg, rows, t); // encoder and decoder stacks
        return 2 * embed + 2 * neck + blocks; // decoder mirrors: expand (latent -> T*d) and de-embedders
    }

    /** One pre-norm transformer block on {@code rows} x {@code t} tokens. */
    static double block(AutoencoderConfig cfg, double rows, double t) {
        double d = cfg.dModel();
        double tokens = rows * t;
        double norms = 2 * 2 * (2 * tokens * d); // two norms, each a mean and a variance product with a ones vector
        double projections = 4 * (2 * tokens * d * d); // q, k, v, o
        double attention = 2 * (2 * rows * t * t * d); // scores q k^T and probs v, summed over heads
        double mlp = 2 * (2 * tokens * d * cfg.dFf());
        return norms + projections + attention + mlp;
    }

    static double projection(AutoencoderConfig cfg, double rows) {
        double flops = 0;
        int in = cfg.latent();
        for (int i = 0; i < cfg.projectionLayers(); i++) {
            int out = i == cfg.projectionLayers() - 1 ? cfg.projectionOut() : cfg.projectionHidden();
            flops += 2 * rows * in * out + 2 * (2 * rows * out); // linear, then BatchNorm's mean and variance products
            in = out;
        }
        return flops;
    }

    static double ntXent(AutoencoderConfig cfg, double rows) {
        double po = cfg.projectionOut();
        return 2 * rows * po
                + 2 * rows * rows * po
                + 2 * (2 * rows * rows); // norms, similarities, log-sum-exp and positives
    }
}
