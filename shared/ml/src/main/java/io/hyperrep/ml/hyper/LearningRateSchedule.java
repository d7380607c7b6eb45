package io.hyperrep.ml.hyper;

import java.util.Locale;

/**
 * The learning rate as a function of the optimisation step: constant, or a linear warm-up from 0 to
 * the base rate over {@code warmupSteps} followed by a cosine decay to 0 at the last step.
 */
public enum LearningRateSchedule {
    CONSTANT,
    WARMUP_COSINE;

    /**
     * The rate for the 0-based {@code step} of a run of {@code totalSteps}.
     *
     * @throws IllegalArgumentException if the step is outside the run
     */
    public double at(double base, long step, long totalSteps, int warmupSteps) {
        if (step < 0 || step >= totalSteps) {
            throw new IllegalArgumentException("step " + step + " is outside a run of " + totalSteps + " steps");
        }
        if (this == CONSTANT) {
            return base;
        }
        if (step < warmupSteps) {
            return base * (step + 1) / warmupSteps;
        }
        long decay = totalSteps - warmupSteps;
        double progress = decay <= 1 ? 0 : (step - warmupSteps) / (double) (decay - 1);
        return base * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    /** Parses {@code none}/{@code constant} or {@code warmup-cosine} (case-insensitive). */
    public static LearningRateSchedule parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "none", "constant" -> CONSTANT;
            case "warmup-cosine", "cosine" -> WARMUP_COSINE;
            default ->
                throw new IllegalArgumentException(
                        "unknown learning-rate schedule '" + s + "'; known: none, warmup-cosine");
        };
    }
}
