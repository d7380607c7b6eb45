package io.hyperrep.ml.hyper;

/**
 * One finished epoch of an autoencoder run. The step means are over the epoch's augmented batches
 * (dropout on); the split losses are the LWLN reconstruction loss of raw checkpoints with dropout off,
 * and R^2 is measured against the training mean (docs/METHOD.md §5.2).
 *
 * @param objective               mean training objective (gamma*NT-Xent + (1-gamma)*reconstruction) over the epoch's steps
 * @param reconstruction          mean reconstruction term over the epoch's steps
 * @param contrastive             mean NT-Xent term over the epoch's steps
 * @param bestEpoch               the epoch the run keeps so far (this one if it improved), by the run's selection
 * @param bestScore               what the selection minimises, at {@code bestEpoch} (a validation or training loss,
 *                                or minus the epoch); not necessarily a validation loss
 * @param seconds                 wall time of the epoch's steps and evaluation
 */
public record EpochResult(
        int epoch,
        int epochs,
        double objective,
        double reconstruction,
        double contrastive,
        double trainLoss,
        double trainR2,
        double validationLoss,
        double validationR2,
        int bestEpoch,
        double bestScore,
        double seconds) {

    /** Whether this epoch is the best so far. */
    public boolean improved() {
        return bestEpoch == epoch;
    }
}
