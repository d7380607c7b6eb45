package io.hyperrep.service.evaluator;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.novelty.ErrorSet;
import io.hyperrep.core.sample.AnchorSelection;
import java.util.List;

/**
 * What generated models of one snapshot are compared with (docs/METHOD.md §9.1): one checkpoint per
 * training model (its last epoch in the window, so that a run's adjacent epochs are not each other's
 * neighbours), the median distance from each of them to its nearest other one, and their error sets
 * on the evaluator's test images; and what a generated model's accuracy is compared with, measured on those same
 * images: the mean test accuracy of these training models and of the sampler's anchors. Arrays are owned by the record.
 *
 * @param models                the training models' ids, aligned with {@code weights}
 * @param medianNearestDistance median over training models of the L2 distance to the nearest other training model
 * @param meanTestAccuracy      the training models' mean accuracy on the evaluator's test images
 * @param anchors               the anchors the reference was built for, or null when the models name no anchor selection
 */
record TrainingReference(
        String snapshotId,
        Architecture arch,
        List<String> models,
        float[][] weights,
        double medianNearestDistance,
        List<ErrorSet> errorSets,
        double meanTestAccuracy,
        Anchors anchors) {

    /**
     * The sampler's anchors, chosen again from the training checkpoints with the selection the generated models record.
     *
     * @param count            how many checkpoints were chosen
     * @param meanTestAccuracy their mean accuracy on the evaluator's test images
     */
    record Anchors(AnchorSelection selection, int count, double meanTestAccuracy) {}

    TrainingReference {
        if (weights.length != models.size() || errorSets.size() != models.size()) {
            throw new IllegalArgumentException("reference of snapshot " + snapshotId + ": " + models.size()
                    + " models, " + weights.length + " weight vectors, " + errorSets.size() + " error sets");
        }
        if (!(medianNearestDistance > 0)) {
            throw new IllegalArgumentException(
                    "reference of snapshot " + snapshotId + ": the training models' median nearest distance is "
                            + medianNearestDistance + " (duplicated models?); relative novelty is undefined");
        }
    }
}
