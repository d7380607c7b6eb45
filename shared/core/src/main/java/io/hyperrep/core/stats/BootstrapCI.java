package io.hyperrep.core.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bootstrap confidence intervals of a population's mean and median (docs/METHOD.md §7.4). Both statistics
 * are computed on the same resamples. The original used {@code scipy.stats.bootstrap} (seed 42),
 * whose default method is BCa; {@link Method#PERCENTILE} is the default here because it is the plain,
 * easily explained interval, and {@link Method#BCA} follows scipy's formulas when closer agreement is
 * wanted. Draws are not scipy's (different generator), so intervals agree only up to resampling noise.
 *
 * @param resamples  number of bootstrap resamples
 * @param confidence two-sided confidence level, e.g. 0.95
 * @param method     how the interval is read off the bootstrap distribution
 */
public record BootstrapCI(int resamples, double confidence, Method method) {

    public static final int DEFAULT_RESAMPLES = 10_000;
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /** How the interval is read off the bootstrap distribution. */
    public enum Method {
        /** The (1−c)/2 and (1+c)/2 quantiles of the bootstrap statistics. */
        PERCENTILE,
        /** Bias-corrected and accelerated (Efron), as {@code scipy.stats.bootstrap(method="BCa")}. */
        BCA
    }

    /** A closed interval. */
    public record Interval(double low, double high) {

        public boolean contains(double x) {
            return x >= low && x <= high;
        }
    }

    /** Intervals of the mean and of the median of one population. */
    public record Intervals(Interval mean, Interval median) {}

    public BootstrapCI {
        if (resamples < 2) {
            throw new IllegalArgumentException("bootstrap needs at least 2 resamples, got " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        if (method == null) {
            throw new IllegalArgumentException("bootstrap method is missing");
        }
    }

    /** 10,000 resamples, 95% percentile intervals. */
    public static BootstrapCI defaults() {
        return new BootstrapCI(DEFAULT_RESAMPLES, DEFAULT_CONFIDENCE, Method.PERCENTILE);
    }

    /** Intervals for {@code values} (not modified); the same seed gives the same intervals. */
    public Intervals of(double[] values, long seed) {
        if (values.length == 0) {
            throw new IllegalArgumentException("bootstrap needs at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("bootstrap values must be finite; value " + i + " is " + values[i]);
            }
        }
        int n = values.length;
        // Resampling indices into the sorted values lets a counting pass find each median in O(n).
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] means = new double[resamples];
        double[] medians = new double[resamples];
        int[] counts = new int[n];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int b = 0; b < resamples; b++) {
            Arrays.fill(counts, 0);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(n);
                counts[k]++;
                sum += sorted[k];
            }
            means[b] = sum / n;
            medians[b] = medianOfCounts(sorted, counts, n);
        }
        return new Intervals(interval(values, means, Statistic.MEAN), interval(values, medians, Statistic.MEDIAN));
    }

    /** Median of the multiset holding {@code counts[k]} copies of {@code sorted[k]} ({@code n} in all). */
    private static double medianOfCounts(double[] sorted, int[] counts, int n) {
        int lowRank = (n - 1) / 2;
        int highRank = n / 2;
        double low = Double.NaN;
        int seen = 0;
        for (int k = 0; k < sorted.length; k++) {
            seen += counts[k];
            if (Double.isNaN(low) && seen > lowRank) {
                low = sorted[k];
            }
            if (seen > highRank) {
                return 0.5 * (low + sorted[k]);
            }
        }
        throw new IllegalStateException("counts do not add up to " + n);
    }

    private enum Statistic {
        MEAN,
        MEDIAN;

        double of(double[] v) {
            return this == MEAN ? Arrays.stream(v).average().orElseThrow() : median(v.clone());
        }
    }

    private Interval interval(double[] values, double[] bootstrapStats, Statistic statistic) {
        double alpha = (1 - confidence) / 2;
        double lowLevel = alpha;
        double highLevel = 1 - alpha;
        if (method == Method.BCA && values.length > 1) {
            double[] levels = bcaLevels(values, bootstrapStats, statistic, alpha);
            lowLevel = levels[0];
            highLevel = levels[1];
        }
        Arrays.sort(bootstrapStats);
        return new Interval(Quantiles.linear(bootstrapStats, lowLevel), Quantiles.linear(bootstrapStats, highLevel));
    }

    // scipy.stats._resampling._bca_interval, with two guards scipy lacks: the bias fraction is kept off
    // 0 and 1 and a zero jackknife spread gives acceleration 0, so degenerate samples stay finite.
    private double[] bcaLevels(double[] values, double[] bootstrapStats, Statistic statistic, double alpha) {
        double estimate = statistic.of(values);
        // scipy's percentile of the estimate: resamples equal to it count one half (frequent for medians).
        double below = 0;
        for (double t : bootstrapStats) {
            if (t < estimate) {
                below++;
            } else if (t == estimate) {
                below += 0.5;
            }
        }
        double fraction = Math.min(Math.max(below / resamples, 0.5 / resamples), 1 - 0.5 / resamples);
        double z0 = StandardNormal.quantile(fraction);

        int n = values.length;
        double[] jackknife = new double[n];
        double[] rest = new double[n - 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(values, 0, rest, 0, i);
            System.arraycopy(values, i + 1, rest, i, n - 1 - i);
            jackknife[i] = statistic.of(rest);
        }
        double jackMean = Arrays.stream(jackknife).average().orElseThrow();
        double cubes = 0;
        double squares = 0;
        for (double t : jackknife) {
            double d = jackMean - t;
            cubes += d * d * d;
            squares += d * d;
        }
        double acceleration = squares == 0 ? 0 : cubes / (6 * Math.pow(squares, 1.5));

        double zAlpha = StandardNormal.quantile(alpha);
        return new double[] {adjusted(z0, zAlpha, acceleration), adjusted(z0, -zAlpha, acceleration)};
    }

    private static double adjusted(double z0, double z, double acceleration) {
        double num = z0 + z;
        return StandardNormal.cdf(z0 + num / (1 - acceleration * num));
    }

    /** Median of {@code v}, which is sorted in place. */
    private static double median(double[] v) {
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : 0.5 * (v[mid - 1] + v[mid]);
    }
}
