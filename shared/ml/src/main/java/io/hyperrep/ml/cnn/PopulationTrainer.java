package io.hyperrep.ml.cnn;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.io.AtomicFiles;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.core.zoo.ZooRecipe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Trains K zoo models of one recipe together in one SameDiff graph. Model m is fully determined by
 * {@code seeds[m]} (initial weights and the data order of each epoch), so a population of K gives
 * the same weights as K single-model runs, and a saved state resumes exactly.
 */
public final class PopulationTrainer implements PopulationTraining {

    private final Architecture arch;
    private final ZooRecipe recipe;
    private final long[] seeds;
    private final SameDiff sd;
    private int epochsDone;

    private PopulationTrainer(ZooRecipe recipe, long[] seeds, SameDiff sd, int epochsDone) {
        this.arch = Architectures.byId(recipe.arch());
        this.recipe = recipe;
        this.seeds = seeds.clone();
        this.sd = sd;
        this.epochsDone = epochsDone;
    }

    /** A fresh population: each model initialised from its seed, epoch 0. */
    public static PopulationTrainer create(ZooRecipe recipe, long[] seeds) {
        io.hyperrep.ml.nd.Backend.init();
        Architecture arch = Architectures.byId(recipe.arch());
        float[][] init = new float[seeds.length][];
        for (int m = 0; m < seeds.length; m++) {
            init[m] = ModelSeeds.initialWeights(arch, recipe.init(), seeds[m]);
        }
        return fromWeights(recipe, seeds, init, 0);
    }

    /**
     * A population starting from given canonical weights with a fresh optimiser (fine-tuning);
     * {@code epochsDone} numbers the epochs that follow.
     */
    public static PopulationTrainer fromWeights(ZooRecipe recipe, long[] seeds, float[][] weights, int epochsDone) {
        if (seeds.length != weights.length) {
            throw new IllegalArgumentException(seeds.length + " seeds for " + weights.length + " models");
        }
        Architecture arch = Architectures.byId(recipe.arch());
        SameDiff sd = PopulationCnnGraph.build(
                arch, recipe.activation(), seeds.length, GraphMode.GROUPED, recipe.batchSize(), true);
        PopulationWeights.load(sd, arch, weights);
        sd.setTrainingConfig(trainingConfig(recipe));
        return new PopulationTrainer(recipe, seeds, sd, epochsDone);
    }

    /** Restores a population saved by {@link #saveState}, optimiser state included. */
    public static PopulationTrainer restore(ZooRecipe recipe, long[] seeds, int epochsDone, Path state) {
        io.hyperrep.ml.nd.Backend.init();
        SameDiff sd = SameDiff.load(state.toFile(), true);
        if (sd.getTrainingConfig() == null) {
            throw new IllegalStateException(state + " holds no training state; delete it to restart that group");
        }
        return new PopulationTrainer(recipe, seeds, sd, epochsDone);
    }

    private static TrainingConfig trainingConfig(ZooRecipe r) {
        List<Regularization> reg = r.weightDecay() > 0 ? List.of(new L2Regularization(r.weightDecay())) : List.of();
        return TrainingConfig.builder()
                .updater(new Adam(r.learningRate(), r.beta1(), r.beta2(), r.epsilon()))
                .regularization(reg)
                .dataSetFeatureMapping(PopulationCnnGraph.INPUT)
                .dataSetLabelMapping(PopulationCnnGraph.LABELS)
                .minimize(PopulationCnnGraph.LOSS)
                .build();
    }

    @Override
    public int size() {
        return seeds.length;
    }

    @Override
    public int epochsDone() {
        return epochsDone;
    }

    @Override
    public void trainEpoch(ImageSet train, int maxSteps, StepListener listener) {
        int epoch = epochsDone + 1;
        int[][] orders = new int[seeds.length][];
        for (int m = 0; m < seeds.length; m++) {
            orders[m] = ModelSeeds.epochOrder(seeds[m], epoch, train.count());
        }
        PopulationBatches batches = new PopulationBatches(
                train, recipe.normalization(), orders, recipe.batchSize(), arch.classes(), maxSteps);
        if (batches.steps() == 0) {
            throw new IllegalArgumentException(
                    "training set of " + train.count() + " images is smaller than one batch of " + recipe.batchSize());
        }
        int steps = batches.steps();
        sd.fit(batches, 1, new BaseListener() {
            private int step;

            @Override
            public boolean isActive(Operation operation) {
                return operation == Operation.TRAINING;
            }

            @Override
            public void iterationDone(SameDiff s, At at, MultiDataSet ds, Loss loss) {
                step++;
                listener.stepDone(step, steps, loss == null ? Double.NaN : loss.totalLoss());
            }
        });
        epochsDone = epoch;
    }

    @Override
    public float[][] weights() {
        return PopulationWeights.read(sd, arch, seeds.length);
    }

    @Override
    public void saveState(Path file) {
        try {
            AtomicFiles.write(file, tmp -> sd.save(tmp.toFile(), true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save training state to " + file, e);
        }
    }
}
