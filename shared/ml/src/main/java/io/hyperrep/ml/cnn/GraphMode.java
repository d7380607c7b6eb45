package io.hyperrep.ml.cnn;

/** How the models of a population graph receive their images. */
public enum GraphMode {
    /**
     * Every model sees its own images (its own data order): input [B, K*C, H, W], model m's
     * image in channels m*C..m*C+C-1.
     */
    GROUPED,
    /**
     * Every model sees the same images: input [B, C, H, W].
     */
    SHARED
}
