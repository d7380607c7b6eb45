package io.hyperrep.core.stats;

/** Quantiles of samples, defined as numpy's and torch's default (linear interpolation). */
public final class Quantiles {

    private Quantiles() {}

    /**
     * The {@code q}-quantile of ascending {@code sorted} values: position {@code q·(n−1)}, interpolated
     * linearly between its neighbours ({@code numpy.quantile(method="linear")}, {@code torch.quantile}).
     */
    public static double linear(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("a quantile needs at least one value");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile level must be in [0, 1], got " + q);
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
