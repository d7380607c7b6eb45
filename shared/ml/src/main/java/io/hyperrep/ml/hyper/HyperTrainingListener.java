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
            double etaSeconds) {

        /** A step's progress by name, for the call site that would otherwise pass fifteen positional values. */
        public static Builder builder() {
            return new Builder();
        }

        /** Sets {@link StepProgress}'s fields by name, in the groups the trainer knows them in. */
        public static final class Builder {
            private int epoch;
            private int epochs;
            private int step;
            private int steps;
            private long globalStep;
            private long totalSteps;
            private AutoencoderTrainer.Step result;
            private double samplesPerSecond;
            private double etaSeconds;

            private Builder() {}

            /** 1-based {@code epoch} of {@code epochs}, and {@code step} of the epoch's {@code steps}. */
            public Builder position(int epoch, int epochs, int step, int steps) {
                this.epoch = epoch;
                this.epochs = epochs;
                this.step = step;
                this.steps = steps;
                return this;
            }

            /** 1-based step of the whole run, of {@code totalSteps}. */
            public Builder globalStep(long globalStep, long totalSteps) {
                this.globalStep = globalStep;
                this.totalSteps = totalSteps;
                return this;
            }

            /** The step's losses, gradient norm and learning rate. */
            public Builder result(AutoencoderTrainer.Step r) {
                result = r;
                return this;
            }

            public Builder samplesPerSecond(double v) {
                samplesPerSecond = v;
                return this;
            }

            public Builder etaSeconds(double v) {
                etaSeconds = v;
                return this;
            }

            // Kept apart (duplicates): the record's fields by name, as AutoencoderConfig.Builder does.
            public StepProgress build() {
                return new StepProgress(
                        epoch,
                        epochs,
                        step,
                        steps,
                        globalStep,
                        totalSteps,
                        result.loss(),
                        result.reconstructionLoss(),
                        result.contrastiveLoss(),
                        result.taskLoss(),
                        result.functionLoss(),
                        result.gradientNorm(),
                        result.learningRate(),
                        samplesPerSecond,
                        etaSeconds);
            }
        }
    }

    default void started(Started s) {}

    default void stepDone(StepProgress p) {}

    default void epochDone(EpochResult e) {}

    HyperTrainingListener NONE = new HyperTrainingListener() {};
}
