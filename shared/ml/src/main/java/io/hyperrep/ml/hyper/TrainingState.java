package io.hyperrep.ml.hyper;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything needed to continue an autoencoder run after a finished epoch exactly as if it had not stopped.
 *
 * @param identity        what the run was for (architecture, config, params, augmentation, data digest):
 *                        a resume must match every entry
 * @param optimizerSteps  AdamW steps taken (its bias-correction counter and the schedule's position)
 * @param bestScore       the selection's score of {@code bestEpoch} (see {@link HyperTrainingResult#bestScore()})
 * @param weights         every trainable weight of the training graph, projection head included
 * @param optimizer       AdamW's moments, {@code m/<name>} and {@code v/<name>}
 */
public record TrainingState(
        Map<String, String> identity,
        int epochsDone,
        long optimizerSteps,
        int bestEpoch,
        double bestScore,
        List<EpochResult> history,
        Map<String, INDArray> weights,
        Map<String, INDArray> optimizer) {}
