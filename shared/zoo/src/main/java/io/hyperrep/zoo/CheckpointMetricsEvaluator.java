package io.hyperrep.zoo;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.ml.cnn.BlockedPopulationEvaluator;
import io.hyperrep.ml.cnn.Evaluation;

/**
 * The zoo's checkpoint metrics for arbitrary weights (e.g. reconstructed models), measured as a zoo job
 * measures them: train loss and accuracy on the first 10k training images, validation and test accuracy.
 */
public final class CheckpointMetricsEvaluator implements AutoCloseable {

    private static final int TRAIN_METRIC_IMAGES = 10_000;
    /** Models per evaluation graph. */
    private static final int CHUNK = 32;

    private final BlockedPopulationEvaluator evaluator;
    private final ZooRecipe recipe;
    private final ImageDataset data;
    private final ImageSet trainSubset;

    public CheckpointMetricsEvaluator(Architecture arch, ZooRecipe recipe, ImageDataset data) {
        this.evaluator = BlockedPopulationEvaluator.perCore(arch, recipe.activation());
        this.recipe = recipe;
        this.data = data;
        this.trainSubset =
                data.train().head(Math.min(TRAIN_METRIC_IMAGES, data.train().count()));
    }

    @Override
    public void close() {
        evaluator.close();
    }

    public CheckpointMetrics[] evaluate(float[][] weights) {
        CheckpointMetrics[] out = new CheckpointMetrics[weights.length];
        for (int from = 0; from < weights.length; from += CHUNK) {
            float[][] chunk = java.util.Arrays.copyOfRange(weights, from, Math.min(weights.length, from + CHUNK));
            Evaluation train = evaluator.evaluate(chunk, trainSubset, recipe.normalization());
            Evaluation val = evaluator.evaluate(chunk, data.validation(), recipe.normalization());
            Evaluation test = evaluator.evaluate(chunk, data.test(), recipe.normalization());
            for (int i = 0; i < chunk.length; i++) {
                out[from + i] = new CheckpointMetrics(
                        train.loss()[i], train.accuracy()[i], val.accuracy()[i], test.accuracy()[i]);
            }
        }
        return out;
    }
}
