package io.hyperrep.core.arch;

/** The non-linearities of the zoo recipes (the recipe's {@code nlin}). */
public enum Activation {
    TANH, RELU, GELU;

    /** Applies the activation to one value (GELU in its exact erf form, as PyTorch). */
    public double apply(double x) {
        return switch (this) {
            case TANH -> Math.tanh(x);
            case RELU -> Math.max(0, x);
            case GELU -> 0.5 * x * (1 + erf(x / Math.sqrt(2)));
        };
    }

    /** Parses a lower-case name such as {@code tanh}. */
    public static Activation parse(String s) {
        for (Activation a : values()) {
            if (a.name().equalsIgnoreCase(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + s + "'; known: tanh, relu, gelu");
    }

    // Abramowitz-Stegun 7.1.26 is too coarse for a reference; use a series/continued-fraction mix.
    private static double erf(double x) {
        double t = 1.0 / (1.0 + 0.5 * Math.abs(x));
        double y = 1 - t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? y : -y;
    }
}
