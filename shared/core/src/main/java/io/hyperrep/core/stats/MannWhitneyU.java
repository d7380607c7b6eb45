package io.hyperrep.core.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Two-sided Mann–Whitney U test of two independent populations (docs/METHOD.md §7.4) with the normal
 * approximation, tie correction and continuity correction: the numbers of
 * {@code scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method="asymptotic")}.
 *
 * @param u1               U of {@code x}: pairs (x, y) with x > y, ties counting one half (scipy's statistic)
 * @param u2               U of {@code y}, {@code n1·n2 − u1}
 * @param z                scipy's standardised statistic {@code (max(u1, u2) − n1·n2/2 − 0.5) / σ}; NaN when σ = 0
 * @param pValue           two-sided p-value, 1 when every value is tied
 * @param commonLanguage   effect size {@code u1 / (n1·n2)}: P(x > y) + P(x = y)/2, 0.5 = no effect
 * @param rankBiserial     effect size {@code 2·commonLanguage − 1} in [−1, 1], positive when x tends to be larger
 */
public record MannWhitneyU(
        int n1, int n2, double u1, double u2, double z, double pValue, double commonLanguage, double rankBiserial) {

    /** Tests {@code x} against {@code y} (neither modified). */
    public static MannWhitneyU test(double[] x, double[] y) {
        requireSample(x, "x");
        requireSample(y, "y");
        int n1 = x.length;
        int n2 = y.length;
        int n = n1 + n2;
        double[] all = new double[n];
        System.arraycopy(x, 0, all, 0, n1);
        System.arraycopy(y, 0, all, n1, n2);
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> all[i]));

        double rankSumX = 0;
        double tieTerm = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && all[order[end + 1]] == all[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                if (order[k] < n1) {
                    rankSumX += averageRank;
                }
            }
            double t = end - start + 1;
            tieTerm += t * t * t - t;
            start = end + 1;
        }

        double pairs = (double) n1 * n2;
        double u1 = rankSumX - n1 * (n1 + 1) / 2.0;
        double u2 = pairs - u1;
        double mu = pairs / 2;
        double sigma = Math.sqrt(pairs / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1))));
        double z = sigma > 0 ? (Math.max(u1, u2) - mu - 0.5) / sigma : Double.NaN;
        double p = sigma > 0 ? Math.min(1, Math.max(0, 2 * StandardNormal.sf(z))) : 1;
        double commonLanguage = u1 / pairs;
        return new MannWhitneyU(n1, n2, u1, u2, z, p, commonLanguage, 2 * commonLanguage - 1);
    }

    private static void requireSample(double[] v, String name) {
        if (v.length == 0) {
            throw new IllegalArgumentException("Mann-Whitney U needs a non-empty sample " + name);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(
                        "Mann-Whitney U sample " + name + " has a non-finite value at " + i + ": " + v[i]);
            }
        }
    }
}
