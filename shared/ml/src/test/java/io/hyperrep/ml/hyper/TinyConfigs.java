package io.hyperrep.ml.hyper;

/** The small autoencoder configs the unit tests train and check, built one way. */
final class TinyConfigs {

    private TinyConfigs() {}

    /**
     * One transformer block of two heads, no dropout (the loss is then a deterministic function of the weights) and
     * the paper's loss settings (gamma 0.1, temperature 0.1, LWLN); the caller sets the projection head, the batch
     * size and whatever its case varies.
     */
    static AutoencoderConfig.Builder oneBlock(int dModel, int dFf, int latent) {
        return AutoencoderConfig.builder()
                .transformer(dModel, 2, dFf, 1)
                .latent(latent)
                .dropout(0.0)
                .gamma(0.1)
                .temperature(0.1)
                .lwln(true);
    }
}
