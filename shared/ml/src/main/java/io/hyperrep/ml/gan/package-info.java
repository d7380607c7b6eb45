/**
 * The {@code gan} latent sampler: a small GAN on anchor embeddings, trained in SameDiff. The paper's
 * GAN was never released; the design is documented on {@link io.hyperrep.ml.gan.GanSampler}.
 */
package io.hyperrep.ml.gan;
