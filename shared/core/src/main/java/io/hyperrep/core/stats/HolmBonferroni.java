package io.hyperrep.core.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm–Bonferroni step-down adjustment of a family of p-values, as R's {@code p.adjust(p, "holm")}: the
 * i-th smallest of m p-values is multiplied by m − i + 1, made non-decreasing along the order and capped
 * at 1. Rejecting where the adjusted p is below α controls the family-wise error rate at α.
 */
public final class HolmBonferroni {

    private HolmBonferroni() {}

    /** Adjusted p-values, in the order of {@code p} (not modified). */
    public static double[] adjust(double[] p) {
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p-value " + i + " is not in [0, 1]: " + p[i]);
            }
        }
        int m = p.length;
        Integer[] order = new Integer[m];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1, (m - rank) * p[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
