package io.hyperrep.ml.hyper;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link HyperTrainingRun} produced: every finished epoch (earlier sessions of a resumed run
 * included) and the autoencoder of the epoch the run's {@link HyperTrainingRun.BestEpoch} selection kept,
 * which is also saved in the run directory.
 *
 * @param bestEpoch the kept epoch, 0 if no epoch finished
 * @param bestScore what the selection minimised, at the kept epoch: its validation loss, its training loss,
 *                  or minus its number (the last epoch); the kept epoch's measurements are in {@link #kept()}
 * @param cancelled true if the run stopped on request; it can be resumed from {@code epochsDone}
 * @param best      the kept epoch's autoencoder, empty if no epoch finished
 */
public record HyperTrainingResult(
        List<EpochResult> history,
        int epochsDone,
        int bestEpoch,
        double bestScore,
        boolean cancelled,
        Optional<HyperRepresentation> best) {

    public HyperTrainingResult {
        history = List.copyOf(history);
    }

    /** The kept epoch's row (its training and validation losses and R^2, whatever selected it), empty if no epoch finished. */
    public Optional<EpochResult> kept() {
        return history.stream().filter(e -> e.epoch() == bestEpoch).findFirst();
    }
}
