package io.hyperrep.ml.hyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.hyper.CheckpointDataset;
import io.hyperrep.core.token.Augmentation;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.core.zoo.Initialization;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.ml.nd.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The training loop on a small synthetic zoo: models are noisy copies of a few prototypes. */
class AutoencoderTrainerTest {

    /** Wide enough to learn the synthetic zoo's prototypes in a few epochs. */
    static final AutoencoderConfig LEARNING =
            TinyConfigs.oneBlock(16, 32, 16).projection(2, 16, 8).batchSize(8).build();
    /** For the task and function terms, whose steps decode and run CNNs: a narrower latent and smaller batches. */
    static final AutoencoderConfig TASK =
            TinyConfigs.oneBlock(16, 16, 8).projection(1, 8, 4).batchSize(4).build();

    @BeforeAll
    static void init() {
        Backend.init();
    }

    static List<Checkpoint> syntheticZoo(int models) {
        Architecture a = Architectures.CNN_S;
        float[][] prototypes = new float[3][];
        for (int k = 0; k < 3; k++) {
            prototypes[k] = ModelSeeds.initialWeights(a, Initialization.KAIMING_UNIFORM, 100 + k);
        }
        SplittableRandom r = new SplittableRandom(7);
        List<Checkpoint> out = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            for (int e = 4; e <= 5; e++) {
                float[] w = prototypes[m % 3].clone();
                for (int i = 0; i < w.length; i++) {
                    w[i] += (float) (0.01 * r.nextGaussian());
                }
                out.add(checkpoint("syn", m, e, w));
            }
        }
        return out;
    }

    /** Model {@code m} of a CNN-s zoo at {@code epoch}, with placeholder metrics. */
    private static Checkpoint checkpoint(String zooId, int m, int epoch, float[] w) {
        Architecture a = Architectures.CNN_S;
        return new Checkpoint(
                zooId, "m" + m, m, epoch, a.id(), a.layoutHash(), new CheckpointMetrics(1, 0.5, 0.5, 0.5), w);
    }

    /** The standard split (epochs 4 and 5) of a synthetic zoo of {@code models} models. */
    static CheckpointDataset syntheticData(int models) {
        return CheckpointDataset.of(syntheticZoo(models), CheckpointDataset.Options.standard(4, 5));
    }

    static float[][] weights(List<Checkpoint> checkpoints) {
        return checkpoints.stream().map(Checkpoint::weights).toArray(float[][]::new);
    }

    @Test
    void shouldLowerValidationLossAndRaiseR2() {
        CheckpointDataset data = syntheticData(40);
        AutoencoderTrainer t = new AutoencoderTrainer(
                LEARNING, data, new Augmentation(false, 0, 0, 0.02, 0.33), HyperTrainingParams.constant(9, 3e-3, 0, 1));
        float[][] validation = weights(data.validation());
        List<AutoencoderTrainer.Step> steps = new ArrayList<>();
        assertTrue(t.trainEpoch(1, (step, n, r) -> steps.add(r), () -> false));
        assertEquals(t.stepsPerEpoch(), steps.size());
        assertEquals(3e-3, steps.get(0).learningRate(), 1e-12);
        double[] first = t.representation().lossAndR2(validation);
        trainEpochs(t, 2, 9);
        double[] later = t.representation().lossAndR2(validation);
        assertTrue(later[0] < first[0], "validation loss " + first[0] + " -> " + later[0]);
        assertTrue(later[1] > first[1], "R2 " + first[1] + " -> " + later[1]);
        assertEquals(validation.length, t.representation().reconstruct(validation).length);
        assertEquals(16, t.representation().encode(validation)[0].length);
    }

    /**
     * Models that share one initialisation and differ along two directions a hundred times narrower than
     * the weights: with raw input the differences are lost under the mean, centred input learns them.
     */
    @Test
    void shouldReconstructTheDifferencesOfASharedInitZooOnlyWhenCentred() {
        Architecture a = Architectures.CNN_S;
        float[] base = ModelSeeds.initialWeights(a, Initialization.KAIMING_UNIFORM, 5);
        float[] d1 = ModelSeeds.initialWeights(a, Initialization.KAIMING_UNIFORM, 6);
        float[] d2 = ModelSeeds.initialWeights(a, Initialization.KAIMING_UNIFORM, 7);
        SplittableRandom r = new SplittableRandom(11);
        List<Checkpoint> zoo = new ArrayList<>();
        for (int m = 0; m < 40; m++) {
            double c1 = r.nextGaussian();
            double c2 = r.nextGaussian();
            for (int e = 4; e <= 5; e++) {
                float[] w = base.clone();
                for (int i = 0; i < w.length; i++) {
                    w[i] += (float) (0.01 * (c1 * d1[i] + c2 * d2[i]) + 0.0005 * r.nextGaussian());
                }
                zoo.add(checkpoint("shared", m, e, w));
            }
        }
        CheckpointDataset data = CheckpointDataset.of(zoo, CheckpointDataset.Options.standard(4, 5));
        float[][] validation = weights(data.validation());
        double[] r2 = new double[2];
        for (int k = 0; k < 2; k++) {
            AutoencoderTrainer t = new AutoencoderTrainer(
                    LEARNING.withCentred(k == 1),
                    data,
                    new Augmentation(false, 0, 0, 0.02, 0.33),
                    HyperTrainingParams.constant(9, 3e-3, 0, 1));
            trainEpochs(t, 1, 9);
            r2[k] = java.util.Arrays.stream(t.representation().layerR2(validation))
                    .average()
                    .orElseThrow();
        }
        assertTrue(r2[1] > 0.5 && r2[0] < 0.2, "mean layer R2 of unseen models: raw " + r2[0] + ", centred " + r2[1]);
    }

    @Test
    void shouldStopAnEpochWhenCancelled() {
        AutoencoderConfig cfg =
                TinyConfigs.oneBlock(8, 8, 8).projection(1, 8, 4).batchSize(4).build();
        AutoencoderTrainer t = new AutoencoderTrainer(
                cfg, syntheticData(20), Augmentation.paper(), HyperTrainingParams.constant(1, 1e-3, 0, 1));
        int[] calls = {0};
        assertFalse(t.trainEpoch(1, (step, n, r) -> calls[0]++, () -> calls[0] == 2));
        assertEquals(2, calls[0]);
        assertEquals(2, t.stepsDone());
    }

    @Test
    void shouldRefuseATrainingSplitSmallerThanABatch() {
        CheckpointDataset data = syntheticData(10);
        AutoencoderConfig cfg = LEARNING.withBatchSize(64);
        assertThrows(
                IllegalArgumentException.class,
                () -> new AutoencoderTrainer(
                        cfg, data, Augmentation.paper(), HyperTrainingParams.constant(1, 1e-3, 0, 1)));
    }

    /** 10 classes, each a bright 8x8 square at its own place on a dark noisy 28x28 image. */
    static io.hyperrep.core.data.ImageSet squares(int n) {
        SplittableRandom r = new SplittableRandom(3);
        byte[] px = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            labels[i] = (byte) c;
            int y0 = 2 + (c / 5) * 14;
            int x0 = 1 + (c % 5) * 5;
            for (int j = 0; j < 784; j++) {
                int y = j / 28;
                int x = j % 28;
                boolean on = y >= y0 && y < y0 + 8 && x >= x0 && x < x0 + 5;
                px[i * 784 + j] = (byte) (on ? 200 + r.nextInt(50) : r.nextInt(40));
            }
        }
        return new io.hyperrep.core.data.ImageSet(n, 1, 28, 28, px, labels);
    }

    @Test
    void shouldLowerTheTaskLossAndRepeatItExactly() {
        CheckpointDataset data = syntheticData(20);
        TaskTraining task = squaresTask(1.0, 0);
        double[][] epochMeans = new double[2][];
        for (int run = 0; run < 2; run++) {
            try (AutoencoderTrainer t = new AutoencoderTrainer(
                    TASK, data, Augmentation.paper(), HyperTrainingParams.constant(8, 3e-3, 0, 5), task)) {
                epochMeans[run] = meanPerEpoch(
                        t,
                        8,
                        AutoencoderTrainer.Step::taskLoss,
                        (r, where) -> assertTrue(Double.isFinite(r.taskLoss()), "task loss of " + where));
            }
        }
        assertTrue(
                epochMeans[0][7] < 0.8 * epochMeans[0][0],
                "task loss per epoch " + java.util.Arrays.toString(epochMeans[0]));
        assertEquals(
                java.util.Arrays.toString(epochMeans[0]),
                java.util.Arrays.toString(epochMeans[1]),
                "same seed, same run");
    }

    @Test
    void shouldLowerTheFunctionLossWithoutTheTaskTerm() {
        try (AutoencoderTrainer t = new AutoencoderTrainer(
                TASK,
                syntheticData(20),
                Augmentation.none(),
                HyperTrainingParams.constant(8, 3e-3, 0, 5),
                squaresTask(0, 1.0))) {
            double[] means = meanPerEpoch(t, 8, AutoencoderTrainer.Step::functionLoss, (r, where) -> {
                assertTrue(Double.isNaN(r.taskLoss()), "no task term at " + where);
                assertTrue(
                        Double.isFinite(r.functionLoss()) && r.functionLoss() >= -1e-6,
                        "a KL divergence: " + r.functionLoss());
            });
            assertTrue(means[7] < 0.8 * means[0], "function loss per epoch " + java.util.Arrays.toString(means));
        }
    }

    /** Trains epochs {@code from..to}, ignoring the steps. */
    private static void trainEpochs(AutoencoderTrainer t, int from, int to) {
        for (int e = from; e <= to; e++) {
            t.trainEpoch(e, (step, n, r) -> {}, () -> false);
        }
    }

    /**
     * Trains {@code epochs} epochs and returns one loss term's mean of each, after {@code check} has seen every step
     * (told where it is, "step S of epoch E").
     */
    private static double[] meanPerEpoch(
            AutoencoderTrainer t,
            int epochs,
            ToDoubleFunction<AutoencoderTrainer.Step> term,
            BiConsumer<AutoencoderTrainer.Step, String> check) {
        double[] means = new double[epochs];
        for (int e = 1; e <= epochs; e++) {
            double[] sum = {0};
            int epoch = e;
            t.trainEpoch(
                    e,
                    (step, n, r) -> {
                        check.accept(r, "step " + step + " of epoch " + epoch);
                        sum[0] += term.applyAsDouble(r);
                    },
                    () -> false);
            means[e - 1] = sum[0] / t.stepsPerEpoch();
        }
        return means;
    }

    /** The task term on {@link #squares} with the given task and function weights, 8 images a model. */
    private static TaskTraining squaresTask(double task, double function) {
        return new TaskTraining(
                new TaskLoss(task, function, 8, 0.4, io.hyperrep.core.arch.Activation.TANH),
                squares(200),
                io.hyperrep.core.data.Normalization.UNIT);
    }
}
