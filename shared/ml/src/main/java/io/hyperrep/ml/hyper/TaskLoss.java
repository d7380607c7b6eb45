package io.hyperrep.ml.hyper;

import io.hyperrep.core.arch.Activation;

/**
 * An optional third loss term, not in the paper: the cross-entropy of CNNs decoded from <em>mixed</em>
 * latent codes on training images. Each step, every latent dimension of the batch's codes is shuffled
 * across the batch independently (a draw from the product of the batch's marginals, which is what a
 * per-dimension KDE samples), jittered by {@code mixNoise} of the dimension's spread (a KDE bandwidth),
 * decoded, and the decoded models classify {@code images} training images each. The reconstruction
 * loss alone teaches the decoder the training codes only; this term teaches it what the samplers ask of
 * it, that codes between and around them decode to working models.
 *
 * @param weight     the term's weight λ: loss = γ·NT-Xent + (1−γ)·reconstruction + λ·task
 * @param images     training images per decoded model per step
 * @param mixNoise   Gaussian jitter of the mixed codes, in units of each dimension's batch standard deviation
 * @param activation the zoo's activation, so the decoded CNNs compute what the zoo's do
 */
public record TaskLoss(double weight, int images, double mixNoise, Activation activation) {

    public TaskLoss {
        if (!(weight > 0 && Double.isFinite(weight))) {
            throw new IllegalArgumentException("task loss weight must be positive, got " + weight);
        }
        if (images <= 0) {
            throw new IllegalArgumentException("task loss images per model must be positive, got " + images);
        }
        if (!(mixNoise >= 0 && Double.isFinite(mixNoise))) {
            throw new IllegalArgumentException("task loss mix noise must be >= 0, got " + mixNoise);
        }
        if (activation == null) {
            throw new IllegalArgumentException("task loss needs the zoo's activation");
        }
    }
}
