package io.hyperrep.ml.hyper;

/**
 * Progress of a {@link HyperTrainingRun}, called on the training thread. Implementations turn it into
 * a progress bar, log lines or events; they must return quickly and not throw.
 */
public interface HyperTrainingListener {

    /** The run is about to train: {@code epochsDone} > 0 when it resumes. */
    record Started(
            int epochs,
            int epochsDone,
            int stepsPerEpoch,
            int batchSize,
            String dataset,
            boolean resumed,
            boolean warmStarted) {}

    /**
     * One optimisation step.
     *
     * @param globalStep        1-based step of the whole run, of {@code totalSteps}
     * @param samplesPerSecond  training checkpoints per second of step time in this session (each is seen as two views)
     * @param etaSeconds        estimated time to the end of the run (steps and per-epoch evaluations)
     * @param taskLoss          the {@link TaskLoss} task term, NaN when the run has none
     * @param functionLoss      the {@link TaskLoss} function term (a KL divergence), NaN when the run has none
     */
    record StepProgress(
            int epoch,
            int epochs,
            int step,
            int steps,
            long globalStep,
            long totalSteps,
            double loss,
            double reconstructionLoss,
            double contrastiveLoss,
            double taskLoss,
            double functionLoss,
            double gradientNorm,
            double learningRate,
            double samplesPerSecond,
            double etaSeconds) {}

    default void started(Started s) {}

    default void stepDone(StepProgress p) {}

    default void epochDone(EpochResult e) {}

    HyperTrainingListener NONE = new HyperTrainingListener() {};
}
