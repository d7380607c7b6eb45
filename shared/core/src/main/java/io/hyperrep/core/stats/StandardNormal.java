package io.hyperrep.core.stats;

/**
 * The standard normal distribution, accurate to about 1e-14 relative also far in the upper tail, so
 * that small p-values keep their digits ({@code 1 − cdf} would lose them).
 */
public final class StandardNormal {

    private static final double SQRT_PI = Math.sqrt(Math.PI);
    // Below this x = z/√2, erfc comes from 1 − erf (a positive series); above it from a continued fraction.
    private static final double SERIES_LIMIT = 2.0;
    private static final int CONTINUED_FRACTION_TERMS = 400;

    private StandardNormal() {}

    /** P(Z ≤ z). */
    public static double cdf(double z) {
        return sf(-z);
    }

    /** Survival function P(Z > z). */
    public static double sf(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        return z >= 0 ? upperTail(z) : 1 - upperTail(-z);
    }

    /**
     * The z with {@code cdf(z) = p}; ±infinity at 0 and 1. Found by bisection on {@link #cdf}, which
     * converges to the last bit and is fast enough for the handful of calls statistics need.
     */
    public static double quantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a probability must be in [0, 1], got " + p);
        }
        if (p == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return Double.POSITIVE_INFINITY;
        }
        double lo = -40;
        double hi = 40;
        while (true) {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi) {
                return mid;
            }
            if (cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
    }

    /** P(Z > z) for z ≥ 0, i.e. erfc(z/√2)/2. */
    private static double upperTail(double z) {
        if (z == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double x = z / Math.sqrt(2);
        if (x < SERIES_LIMIT) {
            return 0.5 * (1 - erfSeries(x));
        }
        // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + (2/2)/(x + (3/2)/(x + ...)))), evaluated from the tail.
        double f = x;
        for (int n = CONTINUED_FRACTION_TERMS; n >= 1; n--) {
            f = x + (n / 2.0) / f;
        }
        return 0.5 * gaussianFactor(z) / SQRT_PI / f;
    }

    /**
     * exp(−z²/2) without the rounding error of z² (which is amplified by the exponent's size): z is split
     * into a multiple of 1/128, whose square is exact, and a small remainder (as Cephes' expx2).
     */
    private static double gaussianFactor(double z) {
        double hi = Math.rint(z * 128) / 128;
        double lo = z - hi;
        return Math.exp(-0.5 * hi * hi) * Math.exp(-(hi * lo + 0.5 * lo * lo));
    }

    // erf(x) = 2/√π · exp(−x²) · Σ 2ⁿ x^(2n+1) / (1·3···(2n+1)): every term positive, no cancellation.
    private static double erfSeries(double x) {
        double term = x;
        double sum = x;
        for (int n = 1; term > 1e-17 * sum; n++) {
            term *= 2 * x * x / (2 * n + 1);
            sum += term;
        }
        return 2 / SQRT_PI * Math.exp(-x * x) * sum;
    }
}
