package io.hyperrep.core.stats;

import java.util.Arrays;

/**
 * The Hodges–Lehmann estimate of the shift between two samples, the median of the n1·n2 pairwise
 * differences x − y, with the distribution-free (Moses) confidence interval obtained by inverting the
 * Mann–Whitney U test: the shifts δ at which {@code MannWhitneyU.test(x − δ, y)} does not reject. The
 * inversion uses the same normal approximation with tie and continuity correction as {@link MannWhitneyU}
 * (R's {@code wilcox.test(x, y, conf.int = TRUE, exact = FALSE)}), so the interval's ends are pairwise
 * differences: {@code [D(k), D(N+1−k)]} with k the smallest rank at which U = N − k is not rejected. The
 * test of δ = 0 rejecting and 0 lying outside the interval then go together, and the estimate, inside the
 * interval, has the sign the test points to. (Only where x and y share values can the test at δ = 0,
 * with its extra tie correction, reject while 0 is an end of the interval.)
 *
 * @param shift      median of the pairwise differences x − y
 * @param low        lower end of the interval
 * @param high       upper end of the interval
 * @param confidence the interval's nominal coverage, e.g. 0.95
 */
public record HodgesLehmann(double shift, double low, double high, double confidence) {

    /** Estimate and interval for {@code x} − {@code y} (neither modified). */
    public static HodgesLehmann of(double[] x, double[] y, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        if (x.length == 0 || y.length == 0) {
            throw new IllegalArgumentException("the Hodges-Lehmann shift needs two non-empty samples");
        }
        int n1 = x.length;
        int n2 = y.length;
        int pairs = n1 * n2;
        double[] d = new double[pairs];
        for (int i = 0; i < n1; i++) {
            for (int j = 0; j < n2; j++) {
                d[i * n2 + j] = x[i] - y[j];
                if (!Double.isFinite(d[i * n2 + j])) {
                    throw new IllegalArgumentException("the Hodges-Lehmann shift needs finite values");
                }
            }
        }
        Arrays.sort(d);
        double shift = pairs % 2 == 1 ? d[pairs / 2] : 0.5 * (d[pairs / 2 - 1] + d[pairs / 2]);
        // Between two pairwise differences no x − δ equals a y: only ties within each sample remain.
        int n = n1 + n2;
        double tieTerm = tieTerm(x) + tieTerm(y);
        double sigma = Math.sqrt(pairs / 12.0 * ((n + 1) - tieTerm / ((double) n * (n - 1))));
        double critical = -StandardNormal.quantile((1 - confidence) / 2) * sigma;
        // U = N − k just above D(k); not rejected where |U − N/2| − 1/2 <= critical.
        int k = (int) Math.ceil(pairs / 2.0 - 0.5 - critical - 1e-9);
        k = Math.max(1, Math.min(k, (pairs + 1) / 2));
        return new HodgesLehmann(shift, d[k - 1], d[pairs - k], confidence);
    }

    /** Whether the interval excludes 0. */
    public boolean excludesZero() {
        return low > 0 || high < 0;
    }

    private static double tieTerm(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double term = 0;
        for (int start = 0; start < s.length; ) {
            int end = start;
            while (end + 1 < s.length && s[end + 1] == s[start]) {
                end++;
            }
            double t = end - start + 1;
            term += t * t * t - t;
            start = end + 1;
        }
        return term;
    }
}
