package io.hyperrep.core.stats;

/**
 * What docs/METHOD.md §7.4 reports for one population at one epoch: descriptive statistics and
 * bootstrap confidence intervals of its mean and median.
 */
public record PopulationStats(Summary summary, BootstrapCI.Intervals intervals) {

    /** Summary plus default bootstrap intervals (10,000 resamples, 95%, percentile). */
    public static PopulationStats of(double[] values, long seed) {
        return of(values, BootstrapCI.defaults(), seed);
    }

    public static PopulationStats of(double[] values, BootstrapCI bootstrap, long seed) {
        return new PopulationStats(Summary.of(values), bootstrap.of(values, seed));
    }
}
