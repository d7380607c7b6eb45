package io.hyperrep.ml.cnn;

import io.hyperrep.core.nn.train.LaneTrainer;
import io.hyperrep.core.nn.train.LaneTrainingState;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.ml.nd.Backend;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which implementation trains zoo populations: the Java Vector API kernel (CPU; ~10x SameDiff's
 * population graphs, docs/PERFORMANCE.md) or the SameDiff graphs (the reference, and the GPU path).
 */
public enum TrainerKind {
    KERNEL,
    SAMEDIFF;

    /** Parses {@code kernel} or {@code samediff}. */
    public static TrainerKind parse(String s) {
        for (TrainerKind k : values()) {
            if (k.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown trainer '" + s + "'; known: kernel, samediff");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The default: the kernel on a CPU backend when it supports the recipe (and the JVM has the Vector API), else SameDiff. */
    public static TrainerKind defaultFor(ZooRecipe recipe) {
        return LaneTrainer.supports(recipe) && !Backend.isGpu() ? KERNEL : SAMEDIFF;
    }

    /** {@code requested}, or the default when null. */
    public static TrainerKind orDefault(TrainerKind requested, ZooRecipe recipe) {
        return requested != null ? requested : defaultFor(recipe);
    }

    /**
     * A population starting from given canonical weights with a fresh optimiser.
     *
     * @param threads threads the kernel spreads the population over (SameDiff uses its own native threads)
     * @throws IllegalArgumentException when the kernel is asked for a recipe it does not support
     */
    public PopulationTraining fromWeights(
            ZooRecipe recipe, long[] seeds, float[][] weights, int epochsDone, int threads) {
        return switch (this) {
            case KERNEL ->
                new KernelPopulationTrainer(LaneTrainer.fromWeights(
                        recipe,
                        io.hyperrep.core.nn.train.AdamSettings.of(recipe),
                        seeds,
                        weights,
                        epochsDone,
                        threads));
            case SAMEDIFF -> PopulationTrainer.fromWeights(recipe, seeds, weights, epochsDone);
        };
    }

    /** The kind that wrote a saved training state (the kernel's own format, else a SameDiff file). */
    public static TrainerKind ofState(Path state) {
        return LaneTrainingState.isLaneState(state) ? KERNEL : SAMEDIFF;
    }

    /** Restores a population saved by either kind, with the kind that saved it. */
    public static PopulationTraining restore(ZooRecipe recipe, long[] seeds, int epochsDone, Path state, int threads) {
        if (ofState(state) == KERNEL) {
            LaneTrainer t = LaneTrainer.restore(recipe, seeds, state, threads);
            if (t.epochsDone() != epochsDone) {
                throw new IllegalStateException(state + " holds " + t.epochsDone() + " epochs, expected " + epochsDone);
            }
            return new KernelPopulationTrainer(t);
        }
        return PopulationTrainer.restore(recipe, seeds, epochsDone, state);
    }
}
