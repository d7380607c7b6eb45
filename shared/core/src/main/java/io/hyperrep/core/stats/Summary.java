package io.hyperrep.core.stats;

import java.util.Arrays;

/** Descriptive statistics of a sample: n, mean, sample std, min, quartiles, max. */
public record Summary(int n, double mean, double std, double min, double q25, double median, double q75, double max) {

    /** Summarises {@code values} (not modified). */
    public static Summary of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot summarise an empty sample");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double mean = sum / v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double std = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
        return new Summary(
                v.length,
                mean,
                std,
                v[0],
                Quantiles.linear(v, 0.25),
                Quantiles.linear(v, 0.5),
                Quantiles.linear(v, 0.75),
                v[v.length - 1]);
    }
}
