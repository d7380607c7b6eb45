package io.hyperrep.ml.hyper;

import io.hyperrep.core.arch.Activation;

/**
 * Optional loss terms computed by running decoded CNNs on training images, not in the paper.
 *
 * <p><b>Task term</b> (weight λ): the cross-entropy of CNNs decoded from <em>mixed</em>
 * latent codes on training images. Each step, every latent dimension of the batch's codes is shuffled
 * across the batch independently (a draw from the product of the batch's marginals, which is what a
 * per-dimension KDE samples), jittered by {@code mixNoise} of the dimension's spread (a KDE bandwidth),
 * decoded, and the decoded models classify {@code images} training images each. The reconstruction
 * loss alone teaches the decoder the training codes only; this term teaches it what the samplers ask of
 * it, that codes between and around them decode to working models.
 *
 * <p><b>Function term</b> (weight μ): the KL divergence from each input checkpoint's predictions to its
 * reconstruction's, on the same training images: a reconstruction of the model's <em>function</em>. On a
 * zoo whose models are mostly their random initialisation, the weights of an unseen model cannot be
 * carried by a compact code (docs/results/hyper-representation.md); what it predicts might be.
 *
 * @param weight         the task term's weight λ (0 = off): loss = γ·NT-Xent + (1−γ)·reconstruction + λ·task + μ·function
 * @param functionWeight the function term's weight μ (0 = off)
 * @param images         training images per decoded model per step
 * @param mixNoise   Gaussian jitter of the mixed codes, in units of each dimension's batch standard deviation
 * @param activation the zoo's activation, so the decoded CNNs compute what the zoo's do
 */
public record TaskLoss(double weight, double functionWeight, int images, double mixNoise, Activation activation) {

    public TaskLoss {
        if (!(weight >= 0 && Double.isFinite(weight))) {
            throw new IllegalArgumentException("task loss weight must be >= 0, got " + weight);
        }
        if (!(functionWeight >= 0 && Double.isFinite(functionWeight))) {
            throw new IllegalArgumentException("function loss weight must be >= 0, got " + functionWeight);
        }
        if (weight == 0 && functionWeight == 0) {
            throw new IllegalArgumentException(
                    "task and function loss weights are both 0: leave the terms out instead");
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

    /** Whether the task term (decoded mixed codes vs labels) is in the loss. */
    public boolean hasTask() {
        return weight > 0;
    }

    /** Whether the function term (reconstructions vs their originals' predictions) is in the loss. */
    public boolean hasFunction() {
        return functionWeight > 0;
    }
}
