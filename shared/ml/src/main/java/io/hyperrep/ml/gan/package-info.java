/**
 * The {@code gan} latent sampler (S_GAN, docs/METHOD.md §6): a small GAN fitted to the anchor embeddings,
 * trained in SameDiff. The paper's GAN code was never released, so this design is hyperrep's own.
 * It has to fit 20-100 anchors of dimension 16-128 in seconds on 2 CPU cores, reproducibly.
 *
 * <h2>Data</h2>
 * Anchors are standardised per dimension (mean 0, standard deviation 1; a constant dimension keeps
 * scale 1) and samples are mapped back ({@link io.hyperrep.ml.gan.Standardizer}), so the networks
 * and their initialisation work at unit scale whatever the autoencoder's latent scale. Each step
 * draws {@code batchSize} anchors with replacement, so fewer anchors than a batch are fine.
 *
 * <h2>Architecture</h2>
 * Generator: standard-normal noise (32 values) → 2 hidden layers of 128 LeakyReLU(0.2) units → linear output
 * of the latent dimension. Discriminator: 4 rows side by side (PacGAN, Lin et al. 2018: 4 × latent
 * dimension inputs) → 2 hidden layers of 128 LeakyReLU(0.2) units → one logit. Weights start from
 * PyTorch's {@code Linear} default, U(±1/√fan_in), drawn from the fit seed. Sizes are in
 * {@link io.hyperrep.ml.gan.GanConfig#defaults()}.
 *
 * <h2>Loss</h2>
 * Logistic GAN: the discriminator minimises binary cross-entropy with one-sided label smoothing (real
 * target 0.9, generated 0), the generator the non-saturating {@code -log D(G(z))}. Why this and not
 * WGAN-GP: the gradient penalty differentiates a gradient (double backprop), for which SameDiff M2.1
 * has no documented support, and WGAN's usual 5 critic steps per generator step alone would cost 5×
 * the time budget. Why packing: without it the GAN fitted to 100 anchors of a two- or four-Gaussian
 * mixture collapsed onto one mode in 3 of 4 runs tried; with packs of 4 every seed tried (12 runs)
 * covered every mode in near-equal shares (a pack of collapsed samples is easy to tell from a pack of
 * real ones, so the discriminator punishes the missing diversity). Label smoothing keeps the discriminator's
 * logits finite on the few anchors it sees over and over.
 *
 * <h2>Optimiser and steps</h2>
 * Adam (learning rate 2e-3, beta1 0.5, beta2 0.999; the low beta1 of DCGAN damps the two-player
 * oscillation), 1,500 steps of 64 real and 64 generated rows, both players updated simultaneously
 * from one loss ({@link io.hyperrep.ml.gan.GanGraphs}). On 100-anchor mixtures of two and four
 * Gaussians, learning rate 1e-3 needed ~2,000 steps to bring 80% of the samples within 3 standard
 * deviations of a mode; 2e-3 got there in 1,500 on every seed tried.
 *
 * <h2>Cost</h2>
 * A step is ~100 tiny ops, so SameDiff's per-op overhead, not arithmetic, sets its time. The training
 * graph is built once and fed through placeholders; each step asks SameDiff for the gradients (its
 * arrays from a {@link io.hyperrep.ml.nd.StepArrayPool}) and applies Adam in Java
 * ({@link io.hyperrep.ml.hyper.AdamW} without decay), 25-30% cheaper per step than SameDiff's
 * {@code fit} with its Adam updater; ops run on one OpenMP thread (2 threads were 2.5-25× slower
 * on a busy machine). Measured on a 2-core machine shared with two other busy JVMs: a fit to 100
 * anchors of dimension 128 took 11.4 s (10.5 s of CPU), of dimension 2 or 16 about 10-13 s.
 *
 * <h2>Known limits</h2>
 * With 100 anchors in 128 dimensions the discriminator wins (final losses ~0.3 vs ~3.5): on
 * synthetic clustered anchors the samples landed near the clusters but were less spread than the
 * anchors (per-dimension variance ~2/3 of theirs; at dimension 16, ~0.9).
 *
 * <h2>Determinism</h2>
 * Initial weights, batches, training noise and sampling noise all come from
 * {@link java.util.SplittableRandom} streams seeded by the fit or sample seed, never from ND4J's
 * generator, and every op runs single-threaded: the same anchors and seeds give the same samples on
 * the same backend.
 */
package io.hyperrep.ml.gan;
