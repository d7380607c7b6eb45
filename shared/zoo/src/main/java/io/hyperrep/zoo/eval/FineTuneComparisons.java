package io.hyperrep.zoo.eval;

import io.hyperrep.core.stats.HodgesLehmann;
import io.hyperrep.core.stats.HolmBonferroni;
import io.hyperrep.core.stats.MannWhitneyU;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every sample population against B_T and against B_F after fine-tuning: at each reported epoch above 0
 * and on every task, a two-sided Mann–Whitney U test whose p-values are Holm–Bonferroni adjusted over
 * that whole family, and the Hodges–Lehmann shift with its interval from the same rank statistic as the
 * direction. The verdict combines the two: "above" or "below" where the adjusted p is below α (by the
 * shift's sign), else "not different".
 */
public final class FineTuneComparisons {

    /** Coverage of the Hodges–Lehmann interval. */
    public static final double CONFIDENCE = 0.95;

    /** What a comparison concludes about the population relative to the reference. */
    public enum Verdict {
        ABOVE,
        NOT_DIFFERENT,
        BELOW;

        /** The verdict in words, as reports print it: "above", "not different", "below". */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * One test of the family.
     *
     * @param n              models of the population at that epoch (its fine-tuned ones)
     * @param referenceN     models of the reference at that epoch
     * @param shift          Hodges–Lehmann shift population − reference (accuracy fraction) and its interval
     * @param meanDifference mean accuracy of the population minus that of the reference
     * @param holmP          the test's p-value, Holm–Bonferroni adjusted over the family
     */
    public record Comparison(
            String population,
            String reference,
            String task,
            int epoch,
            int n,
            int referenceN,
            MannWhitneyU test,
            HodgesLehmann shift,
            double meanDifference,
            double holmP,
            Verdict verdict) {}

    private FineTuneComparisons() {}

    /** The family over {@code epochs} (those above 0 that both populations were measured at), verdicts at level {@code alpha}. */
    public static List<Comparison> of(EvaluationResults r, List<Integer> epochs, double alpha) {
        record Pending(String population, String reference, String task, int epoch, double[] x, double[] y) {}
        List<Pending> family = new ArrayList<>();
        for (String task : r.tasks()) {
            for (int e : epochs) {
                if (e <= 0) {
                    continue;
                }
                for (PopulationResult p : r.populations()) {
                    if (p.kind() != PopulationKind.SAMPLE) {
                        continue;
                    }
                    for (String reference : List.of(Baselines.SCRATCH, Baselines.ZOO_FINETUNED)) {
                        AccuracyCurve c = p.curve(task);
                        AccuracyCurve rc =
                                r.population(reference).map(x -> x.curve(task)).orElse(null);
                        if (c == null || rc == null || e > c.lastEpoch() || e > rc.lastEpoch()) {
                            continue;
                        }
                        family.add(new Pending(p.name(), reference, task, e, c.at(e), rc.at(e)));
                    }
                }
            }
        }
        MannWhitneyU[] tests =
                family.stream().map(f -> MannWhitneyU.test(f.x(), f.y())).toArray(MannWhitneyU[]::new);
        double[] adjusted = HolmBonferroni.adjust(
                Arrays.stream(tests).mapToDouble(MannWhitneyU::pValue).toArray());
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < family.size(); i++) {
            Pending f = family.get(i);
            HodgesLehmann hl = HodgesLehmann.of(f.x(), f.y(), CONFIDENCE);
            out.add(new Comparison(
                    f.population(),
                    f.reference(),
                    f.task(),
                    f.epoch(),
                    f.x().length,
                    f.y().length,
                    tests[i],
                    hl,
                    mean(f.x()) - mean(f.y()),
                    adjusted[i],
                    verdict(adjusted[i], hl.shift(), alpha)));
        }
        return out;
    }

    /** "above"/"below" where the adjusted p is below {@code alpha}, by the shift's sign; else "not different". */
    static Verdict verdict(double holmP, double shift, double alpha) {
        if (holmP < alpha && shift > 0) {
            return Verdict.ABOVE;
        }
        if (holmP < alpha && shift < 0) {
            return Verdict.BELOW;
        }
        return Verdict.NOT_DIFFERENT;
    }

    /** A sentence naming the family, for reports. */
    public static String family(List<Comparison> comparisons) {
        long samples =
                comparisons.stream().map(Comparison::population).distinct().count();
        List<Integer> epochs =
                comparisons.stream().map(Comparison::epoch).distinct().sorted().toList();
        List<String> tasks =
                comparisons.stream().map(Comparison::task).distinct().toList();
        return String.format(
                Locale.ROOT,
                "%d tests: %d sample population(s) x {B_T, B_F} x fine-tuning epoch(s) %s x task(s) %s",
                comparisons.size(),
                samples,
                epochs,
                tasks);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }
}
