package io.hyperrep.zoo.eval;

import io.hyperrep.core.novelty.DistanceNovelty;
import io.hyperrep.core.novelty.ErrorSet;
import io.hyperrep.core.novelty.ErrorSetIoU;
import io.hyperrep.core.novelty.NearestDistances;
import io.hyperrep.core.stats.Quantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training checkpoints as novelty reference: their weights (grouped by model, so that a run's
 * adjacent epochs are not each other's neighbours) and their error sets on the evaluation test set.
 */
public final class NoveltyReference {

    private final float[][] weights;
    private final int[] groups;
    private final List<ErrorSet> errors;
    private final byte[] labels;

    /**
     * @param predictions each training checkpoint's predicted class per test image
     * @param labels      the test labels
     */
    public NoveltyReference(float[][] weights, int[] groups, byte[][] predictions, byte[] labels) {
        if (weights.length != groups.length || weights.length != predictions.length) {
            throw new IllegalArgumentException("need weights, group and predictions for every training checkpoint: "
                    + weights.length + ", " + groups.length + ", " + predictions.length);
        }
        this.weights = weights;
        this.groups = groups.clone();
        this.labels = labels.clone();
        this.errors = errorSets(predictions, labels);
    }

    /** Distances relative to the train→train median, the full account from core. */
    public DistanceNovelty distances(float[][] models) {
        return DistanceNovelty.of(models, weights, groups);
    }

    /** Distance and error-set novelty of {@code models} with their test predictions. */
    public NoveltyScores score(float[][] models, byte[][] predictions) {
        DistanceNovelty d = distances(models);
        List<ErrorSet> own = errorSets(predictions, labels);
        ErrorSetIoU.Match[] m = ErrorSetIoU.maxAgainst(own, errors);
        double withinRatio = Double.NaN;
        double withinIoU = Double.NaN;
        if (models.length >= 2) {
            double[] nearest = Arrays.stream(NearestDistances.withinReference(models))
                    .mapToDouble(NearestDistances.Nearest::distance)
                    .toArray();
            withinRatio = median(nearest) / d.training().median();
            int[] alone = new int[models.length];
            Arrays.setAll(alone, i -> i);
            withinIoU = median(Arrays.stream(ErrorSetIoU.maxWithin(own, alone))
                    .mapToDouble(ErrorSetIoU.Match::iou)
                    .toArray());
        }
        return new NoveltyScores(
                d.relative(),
                Arrays.stream(m).mapToDouble(ErrorSetIoU.Match::iou).toArray(),
                d.medianRatio(),
                withinRatio,
                withinIoU);
    }

    /** The training checkpoints against each other (nearest checkpoint of another model), the reference row. */
    public NoveltyScores training() {
        DistanceNovelty d = DistanceNovelty.of(new float[][] {weights[0]}, weights, groups);
        double median = d.training().median();
        double[] rel = Arrays.stream(d.trainingDistances()).map(x -> x / median).toArray();
        ErrorSetIoU.Match[] m = ErrorSetIoU.maxWithin(errors, groups);
        double[] iou = Arrays.stream(m).mapToDouble(ErrorSetIoU.Match::iou).toArray();
        // the training split's members are its models: diversity and novelty are the same numbers here
        return new NoveltyScores(rel, iou, median(rel), median(rel), median(iou));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return Quantiles.linear(sorted, 0.5);
    }

    public int size() {
        return weights.length;
    }

    private static List<ErrorSet> errorSets(byte[][] predictions, byte[] labels) {
        int[] l = new int[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i];
        }
        List<ErrorSet> out = new ArrayList<>(predictions.length);
        for (byte[] p : predictions) {
            int[] q = new int[p.length];
            for (int i = 0; i < q.length; i++) {
                q[i] = p[i];
            }
            out.add(ErrorSet.of(q, l));
        }
        return out;
    }
}
