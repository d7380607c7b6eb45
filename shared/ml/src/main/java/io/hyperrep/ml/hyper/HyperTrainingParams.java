package io.hyperrep.ml.hyper;

/**
 * Optimisation settings of an autoencoder training run (the model's sizes are in {@link AutoencoderConfig}).
 * AdamW with PyTorch's defaults (betas 0.9/0.999, eps 1e-8) and decoupled weight decay on every parameter.
 *
 * @param epochs       training epochs of the whole run (a resumed run keeps this number)
 * @param warmupSteps  linear warm-up steps of {@link LearningRateSchedule#WARMUP_COSINE}; ignored otherwise
 * @param clipNorm     maximum global L2 norm of the gradient; 0 turns clipping off
 * @param seed         fixes initial weights, batch order, augmentation and dropout
 */
public record HyperTrainingParams(
        int epochs,
        double learningRate,
        double weightDecay,
        LearningRateSchedule schedule,
        int warmupSteps,
        double clipNorm,
        long seed) {

    public HyperTrainingParams {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        if (schedule == null) {
            throw new IllegalArgumentException("learning-rate schedule is missing");
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
        }
        if (!(clipNorm >= 0 && Double.isFinite(clipNorm))) {
            throw new IllegalArgumentException("gradient clip norm must be >= 0 (0 = off), got " + clipNorm);
        }
    }

    /** AdamW at a constant rate without clipping, as the paper's code by default (docs/METHOD.md §3.6). */
    public static HyperTrainingParams constant(int epochs, double learningRate, double weightDecay, long seed) {
        return new HyperTrainingParams(epochs, learningRate, weightDecay, LearningRateSchedule.CONSTANT, 0, 0, seed);
    }

    /** The rate at the 0-based {@code step} of a run of {@code totalSteps}. */
    public double learningRateAt(long step, long totalSteps) {
        return schedule.at(learningRate, step, totalSteps, warmupSteps);
    }
}
