package io.hyperrep.core.novelty;

import java.util.List;

/**
 * Maximum error-set similarity to the training models (docs/METHOD.md §9.1.2): for a model g,
 * {@code max_t IoU(E_g, E_t)} over the training models; lower means more novel.
 */
public final class ErrorSetIoU {

    /** The most similar training model: its index and the IoU. */
    public record Match(int index, double iou) {}

    private ErrorSetIoU() {}

    /** The training model whose error set overlaps most with {@code sample}'s (first one on ties). */
    public static Match maxAgainst(ErrorSet sample, List<ErrorSet> training) {
        requireTraining(training, 1);
        return best(sample, training, -1, null);
    }

    /** {@link #maxAgainst(ErrorSet, List)} for every sample. */
    public static Match[] maxAgainst(List<ErrorSet> samples, List<ErrorSet> training) {
        requireTraining(training, 1);
        Match[] result = new Match[samples.size()];
        for (int g = 0; g < result.length; g++) {
            result[g] = best(samples.get(g), training, -1, null);
        }
        return result;
    }

    /**
     * For every training model the most similar training model of another group ({@code groups[t]},
     * e.g. the model id, so that a run's adjacent epochs do not count), the reference distribution
     * for samples' similarities.
     */
    public static Match[] maxWithin(List<ErrorSet> training, int[] groups) {
        requireTraining(training, 2);
        if (groups == null || groups.length != training.size()) {
            throw new IllegalArgumentException("need one group per training model: " + training.size() + " models, "
                    + (groups == null ? 0 : groups.length) + " groups");
        }
        Match[] result = new Match[training.size()];
        for (int t = 0; t < result.length; t++) {
            result[t] = best(training.get(t), training, t, groups);
            if (result[t].index() < 0) {
                throw new IllegalArgumentException(
                        "training model " + t + " has no model outside its group " + groups[t]);
            }
        }
        return result;
    }

    private static Match best(ErrorSet x, List<ErrorSet> training, int self, int[] groups) {
        int best = -1;
        double bestIou = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < training.size(); t++) {
            if (t == self || (groups != null && groups[t] == groups[self])) {
                continue;
            }
            double iou = x.iou(training.get(t));
            if (iou > bestIou) {
                bestIou = iou;
                best = t;
            }
        }
        return new Match(best, best < 0 ? Double.NaN : bestIou);
    }

    private static void requireTraining(List<ErrorSet> training, int min) {
        if (training == null || training.size() < min) {
            throw new IllegalArgumentException(
                    "need at least " + min + " training error set(s), got " + (training == null ? 0 : training.size()));
        }
    }
}
