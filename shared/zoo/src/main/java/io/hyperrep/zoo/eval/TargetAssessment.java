package io.hyperrep.zoo.eval;

import io.hyperrep.zoo.eval.FineTuneComparisons.Comparison;
import io.hyperrep.zoo.eval.FineTuneComparisons.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Checks every sample population against the {@link EvaluationTargets}, with the figures behind each verdict. */
public final class TargetAssessment {

    /** Whether a target was reached; NOT_ASSESSED when the run cannot tell (no anchors, no fine-tuning, off the noise curve). */
    public enum Status {
        MET,
        MISSED,
        NOT_ASSESSED;

        /** The status in words, as reports print it: "met", "missed", "not assessed". */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * One target for one population.
     *
     * @param id        stable key for results.json
     * @param target    what is required, in words
     * @param figures   the measured numbers it was decided on
     * @param shortfall by how much it was missed (empty when met), or why it could not be assessed
     * @param numbers   the same figures as numbers
     */
    public record Result(
            String id, String target, Status status, String figures, String shortfall, Map<String, Double> numbers) {}

    private TargetAssessment() {}

    /** Per sample population (in result order), its five targets. */
    public static Map<String, List<Result>> of(
            EvaluationResults r, List<Comparison> comparisons, NoiseCurve noise, EvaluationTargets t) {
        Map<String, List<Result>> out = new LinkedHashMap<>();
        double anchorMean = r.population(Baselines.ANCHORS)
                .map(a -> mean(a.curve(r.task()).at(0)))
                .orElse(Double.NaN);
        double trainIoU = r.training().meanMaxIoU();
        int last = r.plan().finetuneEpochs();
        for (PopulationResult p : r.populations()) {
            if (p.kind() != PopulationKind.SAMPLE) {
                continue;
            }
            double acc = mean(p.curve(r.task()).at(0));
            NoveltyScores n = p.novelty();
            List<Result> list = new ArrayList<>();
            list.add(accuracy(acc, anchorMean, t));
            list.add(distance(n.meanRatio(), t));
            list.add(errorIoU(n.meanMaxIoU(), trainIoU));
            list.add(noise(acc, n, noise));
            list.add(finetuned(p.name(), r.task(), last, comparisons, t));
            out.put(p.name(), list);
        }
        return out;
    }

    private static Result accuracy(double acc, double anchorMean, EvaluationTargets t) {
        String target = String.format(
                Locale.ROOT, "epoch-0 mean accuracy >= %.0f%% of the anchors' mean", 100 * t.anchorFraction());
        Map<String, Double> nums = Map.of(
                "meanAccuracy", acc, "anchorMeanAccuracy", anchorMean, "required", t.anchorFraction() * anchorMean);
        if (Double.isNaN(anchorMean)) {
            return new Result(
                    "epoch0Accuracy", target, Status.NOT_ASSESSED, pct(acc) + "%", "no anchors to compare with", nums);
        }
        double need = t.anchorFraction() * anchorMean;
        String figures = String.format(
                Locale.ROOT, "%s%% = %.1f%% of the anchors' %s%%", pct(acc), 100 * acc / anchorMean, pct(anchorMean));
        return acc >= need
                ? new Result("epoch0Accuracy", target, Status.MET, figures, "", nums)
                : new Result(
                        "epoch0Accuracy",
                        target,
                        Status.MISSED,
                        figures,
                        String.format(Locale.ROOT, "short by %.2f pp (needs >= %s%%)", 100 * (need - acc), pct(need)),
                        nums);
    }

    private static Result distance(double ratio, EvaluationTargets t) {
        String target = String.format(Locale.ROOT, "mean nearest-distance ratio >= %.2f", t.minMeanDistanceRatio());
        Map<String, Double> nums = Map.of("meanRelativeDistance", ratio, "required", t.minMeanDistanceRatio());
        String figures = String.format(Locale.ROOT, "mean ratio %.3f", ratio);
        return ratio >= t.minMeanDistanceRatio()
                ? new Result("distanceRatio", target, Status.MET, figures, "", nums)
                : new Result(
                        "distanceRatio",
                        target,
                        Status.MISSED,
                        figures,
                        String.format(Locale.ROOT, "short by %.3f", t.minMeanDistanceRatio() - ratio),
                        nums);
    }

    private static Result errorIoU(double iou, double trainIoU) {
        String target = "mean max error-set IoU <= the zoo's own train→train mean";
        Map<String, Double> nums = Map.of("meanMaxErrorIoU", iou, "trainingMeanMaxErrorIoU", trainIoU);
        String figures = String.format(Locale.ROOT, "mean max IoU %.3f vs train→train %.3f", iou, trainIoU);
        return iou <= trainIoU
                ? new Result("errorIoU", target, Status.MET, figures, "", nums)
                : new Result(
                        "errorIoU",
                        target,
                        Status.MISSED,
                        figures,
                        String.format(Locale.ROOT, "%.3f above", iou - trainIoU),
                        nums);
    }

    private static Result noise(double acc, NoveltyScores n, NoiseCurve noise) {
        String target =
                "strictly more novel than the noise curve at the same accuracy (higher L2 ratio and lower max IoU)";
        NoiseCurve.Placement at = noise.at(acc, n.meanRatio(), n.meanMaxIoU());
        Map<String, Double> nums = new LinkedHashMap<>();
        nums.put("meanAccuracy", acc);
        nums.put("meanRelativeDistance", n.meanRatio());
        nums.put("meanMaxErrorIoU", n.meanMaxIoU());
        if (!at.comparable()) {
            double[] range = noise.accuracyRange();
            String why = noise.points().size() < 2
                    ? "fewer than two noise populations: no curve"
                    : String.format(
                            Locale.ROOT,
                            "cannot be compared: accuracy %s%% lies outside the noise curve's %s-%s%%",
                            pct(acc),
                            pct(range[0]),
                            pct(range[1]));
            return new Result(
                    "noiseCurve",
                    target,
                    Status.NOT_ASSESSED,
                    String.format(Locale.ROOT, "ratio %.3f, IoU %.3f", n.meanRatio(), n.meanMaxIoU()),
                    why,
                    nums);
        }
        nums.put("noiseRelativeDistance", at.noiseRatio());
        nums.put("noiseMaxErrorIoU", at.noiseMaxIoU());
        String figures = String.format(
                Locale.ROOT,
                "ratio %.3f vs noise %.3f, IoU %.3f vs noise %.3f (noise interpolated between %s at %s%%)",
                n.meanRatio(),
                at.noiseRatio(),
                n.meanMaxIoU(),
                at.noiseMaxIoU(),
                String.join(" and ", at.bracket()),
                pct(acc));
        if (at.moreNovel()) {
            return new Result("noiseCurve", target, Status.MET, figures, "", nums);
        }
        List<String> gaps = new ArrayList<>();
        if (!(n.meanRatio() > at.noiseRatio())) {
            gaps.add(String.format(Locale.ROOT, "ratio %.3f short", at.noiseRatio() - n.meanRatio()));
        }
        if (!(n.meanMaxIoU() < at.noiseMaxIoU())) {
            gaps.add(String.format(Locale.ROOT, "IoU %.3f too high", n.meanMaxIoU() - at.noiseMaxIoU()));
        }
        return new Result("noiseCurve", target, Status.MISSED, figures, String.join(", ", gaps), nums);
    }

    private static Result finetuned(
            String population, String task, int last, List<Comparison> comparisons, EvaluationTargets t) {
        String target =
                "after the last fine-tuning epoch not below B_F (Holm-adjusted Mann–Whitney, α = " + t.alpha() + ")";
        Optional<Comparison> c = comparisons.stream()
                .filter(x -> x.population().equals(population)
                        && x.reference().equals(Baselines.ZOO_FINETUNED)
                        && x.task().equals(task)
                        && x.epoch() == last)
                .findFirst();
        if (last == 0 || c.isEmpty()) {
            return new Result(
                    "notBelowBF", target, Status.NOT_ASSESSED, "", "no fine-tuning epochs to compare at", Map.of());
        }
        Comparison x = c.get();
        Map<String, Double> nums = Map.of(
                "epoch",
                (double) last,
                "hodgesLehmannShift",
                x.shift().shift(),
                "shiftLow",
                x.shift().low(),
                "shiftHigh",
                x.shift().high(),
                "holmP",
                x.holmP());
        String figures = String.format(
                Locale.ROOT,
                "epoch %d: %s; HL shift %+.2f pp [%+.2f, %+.2f], Holm p %s",
                last,
                x.verdict().label(),
                100 * x.shift().shift(),
                100 * x.shift().low(),
                100 * x.shift().high(),
                p(x.holmP()));
        return x.verdict() != Verdict.BELOW
                ? new Result("notBelowBF", target, Status.MET, figures, "", nums)
                : new Result(
                        "notBelowBF",
                        target,
                        Status.MISSED,
                        figures,
                        String.format(
                                Locale.ROOT,
                                "below B_F by %.2f pp (HL shift)",
                                -100 * x.shift().shift()),
                        nums);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f", 100 * v);
    }

    private static String p(double p) {
        return p < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }
}
