package io.hyperrep.zoo.eval;

import io.hyperrep.core.stats.BootstrapCI;
import io.hyperrep.core.stats.MannWhitneyU;
import io.hyperrep.core.stats.PopulationStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The statistics of docs/METHOD.md §7.4 over evaluation results: per-epoch summaries and tests between populations. */
public final class ResultStatistics {

    /** Summary and bootstrap intervals of one population's accuracies on a task at an epoch. */
    public record EpochStats(String population, PopulationKind kind, String task, int epoch, PopulationStats stats) {}

    /**
     * Two-sided Mann–Whitney U of {@code population} against {@code reference} at the same task and epoch.
     *
     * @param meanDifference mean accuracy of the population minus that of the reference
     */
    public record Comparison(
            String population, String reference, String task, int epoch, MannWhitneyU test, double meanDifference) {

        /** Higher mean and p below {@code alpha}. */
        public boolean significantlyBetter(double alpha) {
            return meanDifference > 0 && test.pValue() < alpha;
        }
    }

    private ResultStatistics() {}

    /** Statistics of every population on every task at each of {@code epochs} it was measured at. */
    public static List<EpochStats> perEpoch(EvaluationResults r, List<Integer> epochs, BootstrapCI bootstrap) {
        List<EpochStats> out = new ArrayList<>();
        for (String task : r.tasks()) {
            for (int e : epochs) {
                for (PopulationResult p : r.populations()) {
                    AccuracyCurve c = p.curve(task);
                    if (c != null && e <= c.lastEpoch()) {
                        out.add(new EpochStats(
                                p.name(),
                                p.kind(),
                                task,
                                e,
                                PopulationStats.of(c.at(e), bootstrap, r.plan().seed())));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Every population except {@code reference} itself against {@code reference} on every task at
     * each of {@code epochs} both were measured at.
     */
    public static List<Comparison> against(EvaluationResults r, String reference, List<Integer> epochs) {
        PopulationResult ref = r.population(reference)
                .orElseThrow(() -> new IllegalArgumentException("no population named " + reference));
        List<Comparison> out = new ArrayList<>();
        for (String task : r.tasks()) {
            AccuracyCurve rc = ref.curve(task);
            if (rc == null) {
                continue;
            }
            for (int e : epochs) {
                for (PopulationResult p : r.populations()) {
                    AccuracyCurve c = p.curve(task);
                    if (p.name().equals(reference) || c == null || e > c.lastEpoch() || e > rc.lastEpoch()) {
                        continue;
                    }
                    double[] x = c.at(e);
                    double[] y = rc.at(e);
                    out.add(new Comparison(p.name(), reference, task, e, MannWhitneyU.test(x, y), mean(x) - mean(y)));
                }
            }
        }
        return out;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }
}
