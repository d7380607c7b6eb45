package io.hyperrep.ml.cnn;

import io.hyperrep.core.data.ImageSet;
import java.nio.file.Path;

/**
 * K zoo models of one recipe training together, each fully determined by its seed (initial weights and
 * each epoch's data order). Implemented on SameDiff graphs ({@link PopulationTrainer}, the reference and
 * the GPU path) and on the Java Vector API kernel ({@link KernelPopulationTrainer}, the CPU default);
 * {@link TrainerKind} chooses.
 */
public interface PopulationTraining {

    /** Number of models. */
    int size();

    /** Completed epochs. */
    int epochsDone();

    /** Runs one epoch over {@code train} in each model's own order for that epoch. */
    default void trainEpoch(ImageSet train, StepListener listener) {
        trainEpoch(train, Integer.MAX_VALUE, listener);
    }

    /** Runs one epoch limited to {@code maxSteps} steps (benchmarks and tests). */
    void trainEpoch(ImageSet train, int maxSteps, StepListener listener);

    /** The current canonical weights of every model. */
    float[][] weights();

    /** Saves weights and optimiser state atomically. */
    void saveState(Path file);
}
