package io.hyperrep.core.nn.train;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.core.zoo.ZooRecipe;
import java.nio.file.Path;

/**
 * Trains K zoo models of one recipe on the CPU with the JDK's Vector API: one model per SIMD lane
 * ({@link LaneCnn}), groups of {@link #lanes()} models spread over threads. Same semantics as the SameDiff
 * {@code PopulationTrainer}: model m is fully determined by {@code seeds[m]} (initial weights and each
 * epoch's data order, {@link ModelSeeds}); at step s it takes images {@code order[s*B .. s*B+B)} and
 * minimises their mean softmax cross-entropy; a last incomplete batch is dropped; Adam as PyTorch's
 * ({@link AdamSettings}). A model's weights are bit-identical whatever the thread count and whichever
 * other models train beside it. Needs {@code --add-modules jdk.incubator.vector} (docs/decisions/vector-api-kernels.md).
 */
public final class LaneTrainer {

    private final ZooRecipe recipe;
    private final AdamSettings adam;
    private final Architecture arch;
    private final long[] seeds;
    private final LaneGroup[] groups;
    private final int threads;
    private int epochsDone;
    private long adamSteps;

    LaneTrainer(
            ZooRecipe recipe,
            AdamSettings adam,
            long[] seeds,
            float[][] weights,
            int epochsDone,
            long adamSteps,
            int threads) {
        if (!supports(recipe)) {
            throw new IllegalArgumentException(unsupportedReason(recipe));
        }
        if (seeds.length == 0 || seeds.length != weights.length) {
            throw new IllegalArgumentException(seeds.length + " seeds for " + weights.length + " models");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.recipe = recipe;
        this.adam = adam;
        this.arch = Architectures.byId(recipe.arch());
        for (int i = 0; i < weights.length; i++) {
            if (weights[i].length != arch.parameterCount()) {
                throw new IllegalArgumentException("model " + i + " has " + weights[i].length + " parameters; "
                        + arch.id() + " has " + arch.parameterCount());
            }
        }
        this.seeds = seeds.clone();
        int lanes = lanes();
        groups = new LaneGroup[(seeds.length + lanes - 1) / lanes];
        for (int g = 0; g < groups.length; g++) {
            int from = g * lanes;
            groups[g] = new LaneGroup(
                    arch,
                    recipe.activation(),
                    java.util.Arrays.copyOfRange(weights, from, Math.min(seeds.length, from + lanes)));
        }
        this.threads = threads;
        this.epochsDone = epochsDone;
        this.adamSteps = adamSteps;
    }

    /** A fresh population: each model initialised from its seed, epoch 0, the recipe's Adam. */
    public static LaneTrainer create(ZooRecipe recipe, long[] seeds, int threads) {
        Architecture arch = Architectures.byId(recipe.arch());
        float[][] init = new float[seeds.length][];
        for (int m = 0; m < seeds.length; m++) {
            init[m] = ModelSeeds.initialWeights(arch, recipe.init(), seeds[m]);
        }
        return new LaneTrainer(recipe, AdamSettings.of(recipe), seeds, init, 0, 0, threads);
    }

    /**
     * A population starting from given canonical weights with a fresh optimiser (fine-tuning);
     * {@code epochsDone} numbers the epochs that follow (and so their data orders).
     */
    public static LaneTrainer fromWeights(
            ZooRecipe recipe, AdamSettings adam, long[] seeds, float[][] weights, int epochsDone, int threads) {
        return new LaneTrainer(recipe, adam, seeds, weights, epochsDone, 0, threads);
    }

    /** Restores a population saved by {@link #saveState}, Adam moments and step count included; the recipe's Adam. */
    public static LaneTrainer restore(ZooRecipe recipe, long[] seeds, Path state, int threads) {
        return LaneTrainingState.restore(recipe, AdamSettings.of(recipe), seeds, state, threads);
    }

    /** Saves weights and optimiser state atomically ({@link LaneTrainingState}). */
    public void saveState(Path file) {
        LaneTrainingState.save(this, file);
    }

    /** Each model's gradient (canonical order) and batch-mean loss for one batch. */
    public record BatchGradients(float[][] gradients, double[] losses) {}

    /**
     * The gradient of each model's mean cross-entropy over its own batch, {@code batches[m]} being indices
     * into {@code data}; no optimiser step. For checking the kernel against other implementations.
     */
    public static BatchGradients batchGradients(ZooRecipe recipe, float[][] weights, ImageSet data, int[][] batches) {
        if (!supports(recipe)) {
            throw new IllegalArgumentException(unsupportedReason(recipe));
        }
        Architecture arch = Architectures.byId(recipe.arch());
        int lanes = lanes();
        float[][] grads = new float[weights.length][];
        double[] losses = new double[weights.length];
        for (int from = 0; from < weights.length; from += lanes) {
            int n = Math.min(lanes, weights.length - from);
            LaneGroup g =
                    new LaneGroup(arch, recipe.activation(), java.util.Arrays.copyOfRange(weights, from, from + n));
            int[][] order = java.util.Arrays.copyOfRange(batches, from, from + n);
            int batch = order[0].length;
            g.gradient(data, recipe.normalization().table(), order, 0, batch);
            for (int j = 0; j < n; j++) {
                grads[from + j] = g.gradientOf(j);
                losses[from + j] = g.lossOf(j, batch);
            }
        }
        return new BatchGradients(grads, losses);
    }

    /** Models per SIMD vector on this JVM: 16 with AVX-512, 8 with AVX2. */
    public static int lanes() {
        return LaneCnn.LANES;
    }

    /** Whether this JVM and recipe can use the kernel: the Vector API module is present and the activation is tanh or relu. */
    public static boolean supports(ZooRecipe recipe) {
        return unsupportedReason(recipe) == null;
    }

    /** Why {@link #supports} is false, or null. */
    public static String unsupportedReason(ZooRecipe recipe) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "the training kernel needs the JVM option --add-modules jdk.incubator.vector";
        }
        if (recipe.activation() != Activation.TANH && recipe.activation() != Activation.RELU) {
            return "the training kernel supports tanh and relu, not " + recipe.activation();
        }
        return null;
    }

    public int size() {
        return seeds.length;
    }

    public int epochsDone() {
        return epochsDone;
    }

    /** Adam steps taken since the optimiser was created (the bias-correction count). */
    public long adamSteps() {
        return adamSteps;
    }

    ZooRecipe recipe() {
        return recipe;
    }

    long[] seeds() {
        return seeds.clone();
    }

    /** Runs one epoch over {@code train} in each model's own order for that epoch. */
    public void trainEpoch(ImageSet train, StepObserver observer) {
        trainEpoch(train, Integer.MAX_VALUE, observer);
    }

    /** Runs one epoch limited to {@code maxSteps} steps (benchmarks and tests). */
    public void trainEpoch(ImageSet train, int maxSteps, StepObserver observer) {
        arch.requireFits(train);
        int batch = recipe.batchSize();
        int steps = Math.min(maxSteps, train.count() / batch);
        if (steps <= 0) {
            throw new IllegalArgumentException(
                    "training set of " + train.count() + " images is smaller than one batch of " + batch);
        }
        int epoch = epochsDone + 1;
        int lanes = lanes();
        int[][][] orders = new int[groups.length][][];
        for (int g = 0; g < groups.length; g++) {
            orders[g] = new int[groups[g].models()][];
            for (int j = 0; j < groups[g].models(); j++) {
                orders[g][j] = ModelSeeds.epochOrder(seeds[g * lanes + j], epoch, train.count());
            }
        }
        float[] table = recipe.normalization().table();
        long firstStep = adamSteps;
        EpochRun run = new EpochRun(
                groups.length,
                threads,
                steps,
                (g, s) -> groups[g].step(train, table, orders[g], s * batch, batch, adam, firstStep + s + 1));
        run.execute(observer);
        adamSteps += steps;
        epochsDone = epoch;
    }

    /** The current canonical weights of every model. */
    public float[][] weights() {
        float[][] out = new float[seeds.length][];
        int lanes = lanes();
        for (int m = 0; m < seeds.length; m++) {
            out[m] = LaneGroup.gather(groups[m / lanes].params, m % lanes);
        }
        return out;
    }

    /** Adam's first and second moments of every model, canonical order: {@code [0][m]} and {@code [1][m]}. */
    float[][][] moments() {
        float[][][] out = new float[2][seeds.length][];
        int lanes = lanes();
        for (int m = 0; m < seeds.length; m++) {
            out[0][m] = LaneGroup.gather(groups[m / lanes].m, m % lanes);
            out[1][m] = LaneGroup.gather(groups[m / lanes].v, m % lanes);
        }
        return out;
    }

    void restoreMoments(float[][] first, float[][] second) {
        int lanes = lanes();
        for (int m = 0; m < seeds.length; m++) {
            LaneGroup.scatter(first[m], groups[m / lanes].m, m % lanes);
            LaneGroup.scatter(second[m], groups[m / lanes].v, m % lanes);
        }
    }
}
