package io.hyperrep.core.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.nn.BlockedCnn;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.core.zoo.ZooRecipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Population training with the kernel on real Fashion-MNIST: determinism, independence of models, exact resume, learning. */
class LaneTrainerTest {

    static ImageDataset data;
    static final ZooRecipe RECIPE = ZooRecipe.fashionMnistDefault();

    @BeforeAll
    static void load() {
        data = Datasets.load("fashion-mnist", null);
    }

    /** More models than one vector holds, so that there are two groups, the second one padded. */
    static long[] seeds() {
        long[] s = new long[LaneTrainer.lanes() + 3];
        for (int i = 0; i < s.length; i++) {
            s[i] = 100L + i;
        }
        return s;
    }

    @Test
    void shouldGiveBitIdenticalWeightsWithOneTwoOrThreeThreads() {
        ImageSet train = data.train().head(300);
        float[][] reference = null;
        for (int threads = 1; threads <= 3; threads++) {
            LaneTrainer t = LaneTrainer.create(RECIPE, seeds(), threads);
            List<Double> losses = new ArrayList<>();
            t.trainEpoch(train, (step, steps, loss) -> losses.add(loss));
            t.trainEpoch(train, (step, steps, loss) -> losses.add(loss));
            assertEquals(60, losses.size(), "30 steps per epoch, every step reported in order");
            float[][] w = t.weights();
            if (reference == null) {
                reference = w;
                continue;
            }
            for (int m = 0; m < w.length; m++) {
                assertArrayEquals(reference[m], w[m], threads + " threads, model " + m);
            }
        }
    }

    @Test
    void shouldTrainAModelInAPopulationBitIdenticallyToTheModelAlone() {
        ImageSet train = data.train().head(200);
        long[] seeds = seeds();
        LaneTrainer together = LaneTrainer.create(RECIPE, seeds, 2);
        together.trainEpoch(train, (step, steps, loss) -> {});
        float[][] pop = together.weights();
        for (int m : new int[] {0, seeds.length - 1}) {
            LaneTrainer alone = LaneTrainer.create(RECIPE, new long[] {seeds[m]}, 1);
            alone.trainEpoch(train, (step, steps, loss) -> {});
            assertArrayEquals(alone.weights()[0], pop[m], "model " + m);
            float[] init = ModelSeeds.initialWeights(Architectures.CNN_S, RECIPE.init(), seeds[m]);
            double moved = 0;
            for (int i = 0; i < init.length; i++) {
                moved += Math.abs(pop[m][i] - init[i]);
            }
            assertTrue(moved > 1e-3, "training must change the weights");
        }
    }

    @Test
    void shouldResumeFromSavedStateBitIdentically(@TempDir Path tmp) {
        long[] seeds = {21, 22, 23};
        ImageSet train = data.train().head(100);
        LaneTrainer straight = LaneTrainer.create(RECIPE, seeds, 1);
        straight.trainEpoch(train, (step, steps, loss) -> {});
        straight.trainEpoch(train, (step, steps, loss) -> {});

        LaneTrainer first = LaneTrainer.create(RECIPE, seeds, 1);
        first.trainEpoch(train, (step, steps, loss) -> {});
        Path state = tmp.resolve("state.bin");
        first.saveState(state);
        assertTrue(LaneTrainingState.isLaneState(state));
        LaneTrainer resumed = LaneTrainer.restore(RECIPE, seeds, state, 2);
        assertEquals(1, resumed.epochsDone());
        assertEquals(10, resumed.adamSteps(), "Adam's bias correction continues from step 10");
        resumed.trainEpoch(train, (step, steps, loss) -> {});
        for (int m = 0; m < seeds.length; m++) {
            assertArrayEquals(straight.weights()[m], resumed.weights()[m], "model " + m);
        }
    }

    @Test
    void shouldDropTheLastIncompleteBatchAndRejectATrainingSetSmallerThanOne() {
        LaneTrainer t = LaneTrainer.create(RECIPE, new long[] {1}, 1);
        int[] steps = {0};
        t.trainEpoch(data.train().head(25), (step, n, loss) -> steps[0] = n);
        assertEquals(2, steps[0], "25 images in batches of 10: two steps, the last 5 images unused");
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> t.trainEpoch(data.train().head(9), (step, n, loss) -> {}));
    }

    @Test
    void shouldLearnFashionMnistWithTheDefaultRecipe() {
        // as PopulationTrainerTest: 400 steps of batch 10 reach ~60% (chance is 10%)
        LaneTrainer t = LaneTrainer.create(RECIPE, new long[] {1, 2}, 2);
        double[] losses = new double[400];
        t.trainEpoch(data.train(), 400, (step, steps, loss) -> losses[step - 1] = loss);
        double early = 0;
        double late = 0;
        for (int i = 0; i < 50; i++) {
            early += losses[i];
            late += losses[350 + i];
        }
        assertTrue(late < 0.75 * early, "mean loss of the first and last 50 steps: " + early / 50 + " -> " + late / 50);
        ImageSet test = data.test().head(2000);
        for (float[] w : t.weights()) {
            assertTrue(accuracy(w, test) > 0.5, "test accuracy after 400 steps");
        }
    }

    static double accuracy(float[] w, ImageSet test) {
        int block = 32;
        BlockedCnn net = new BlockedCnn(Architectures.CNN_S, RECIPE.activation(), block);
        float[] table = RECIPE.normalization().table();
        float[] input = new float[test.imageSize() * block];
        int correct = 0;
        for (int first = 0; first < test.count(); first += block) {
            int n = Math.min(block, test.count() - first);
            BlockedCnn.toBlock(test.pixels(), test.imageSize(), first, n, table, block, input);
            float[] logits = net.forward(w, input);
            for (int b = 0; b < n; b++) {
                int best = 0;
                for (int c = 1; c < 10; c++) {
                    if (logits[c * block + b] > logits[best * block + b]) {
                        best = c;
                    }
                }
                correct += best == test.label(first + b) ? 1 : 0;
            }
        }
        return (double) correct / test.count();
    }
}
