package io.hyperrep.core.arch;

/** The non-linearities of the zoo recipes (the recipe's {@code nlin}). */
public enum Activation {
    TANH,
    RELU,
    GELU;

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

    /** The polynomial in t of erf's exponent, highest power first (the constant term -1.26551223 is separate). */
    private static final double[] ERF_POLY = {
        0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196, 1.00002368
    };

    // Abramowitz-Stegun 7.1.26 is too coarse for a reference; use a series/continued-fraction mix.
    // Horner's rule as a loop, in the same order of operations as the nested form, so the results are unchanged.
    private static double erf(double x) {
        double t = 1.0 / (1.0 + 0.5 * Math.abs(x));
        double p = ERF_POLY[0];
        for (int i = 1; i < ERF_POLY.length; i++) {
            p = ERF_POLY[i] + t * p;
        }
        double y = 1 - t * Math.exp(-x * x - 1.26551223 + t * p);
        return x >= 0 ? y : -y;
    }
}
