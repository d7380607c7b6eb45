package io.hyperrep.ml.cnn;

import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.nn.train.LaneTrainer;
import java.nio.file.Path;

/** {@link PopulationTraining} on the Java Vector API training kernel ({@link LaneTrainer}); no ND4J. */
public final class KernelPopulationTrainer implements PopulationTraining {

    private final LaneTrainer trainer;

    public KernelPopulationTrainer(LaneTrainer trainer) {
        this.trainer = trainer;
    }

    @Override
    public int size() {
        return trainer.size();
    }

    @Override
    public int epochsDone() {
        return trainer.epochsDone();
    }

    @Override
    public void trainEpoch(ImageSet train, int maxSteps, StepListener listener) {
        trainer.trainEpoch(train, maxSteps, listener::stepDone);
    }

    @Override
    public float[][] weights() {
        return trainer.weights();
    }

    @Override
    public void saveState(Path file) {
        trainer.saveState(file);
    }
}
