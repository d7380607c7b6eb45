package io.hyperrep.ml.hyper;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link HyperTrainingRun} produced: every finished epoch (earlier sessions of a resumed run
 * included) and the best autoencoder by validation loss, which is also saved in the run directory.
 *
 * @param cancelled true if the run stopped on request; it can be resumed from {@code epochsDone}
 * @param best      the best epoch's autoencoder, empty if no epoch finished
 */
public record HyperTrainingResult(List<EpochResult> history, int epochsDone, int bestEpoch, double bestValidationLoss,
                                  boolean cancelled, Optional<HyperRepresentation> best) {

    public HyperTrainingResult {
        history = List.copyOf(history);
    }
}
