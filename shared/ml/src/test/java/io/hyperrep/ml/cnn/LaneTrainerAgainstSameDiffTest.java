package io.hyperrep.ml.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.arch.LayerSpec;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.nn.train.LaneTrainer;
import io.hyperrep.core.zoo.Initialization;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.ml.nd.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Java training kernel ({@link LaneTrainer}) against the SameDiff population graph and trainer, the
 * reference it replaces on the CPU: same loss and gradients for the same weights and batches, and the
 * same weights after two hundred Adam steps of the same models in the same data orders.
 */
class LaneTrainerAgainstSameDiffTest {

    static ImageDataset data;

    @BeforeAll
    static void load() {
        Backend.init();
        data = Datasets.load("fashion-mnist", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn-s", "cnn-l"})
    void shouldGiveThePopulationGraphsLossAndGradients(String id) {
        Architecture arch = Architectures.byId(id);
        ZooRecipe recipe = ZooRecipe.fashionMnistDefault().withArch(id);
        int k = 3;
        int batch = recipe.batchSize();
        ImageSet images = id.equals("cnn-s") ? data.train().head(k * batch) : colourImages(arch, k * batch);
        float[][] weights = new float[k][];
        int[][] batches = new int[k][batch];
        for (int m = 0; m < k; m++) {
            weights[m] = ModelSeeds.initialWeights(arch, Initialization.KAIMING_UNIFORM, 7 + m);
            for (int b = 0; b < batch; b++) {
                batches[m][b] = (m * 7 + b * 3) % images.count(); // overlapping, differently ordered batches
            }
        }
        LaneTrainer.BatchGradients kernel = LaneTrainer.batchGradients(recipe, weights, images, batches);

        SameDiff sd = PopulationCnnGraph.build(arch, recipe.activation(), k, GraphMode.GROUPED, batch, true);
        PopulationWeights.load(sd, arch, weights);
        Map<String, INDArray> feed = feed(arch, recipe, images, batches);
        double loss = sd.outputSingle(feed, PopulationCnnGraph.LOSS).getDouble(0);
        double kernelLoss = 0;
        for (double l : kernel.losses()) {
            kernelLoss += l;
        }
        assertEquals(loss, kernelLoss, 1e-5 * loss, "summed batch-mean cross-entropy");

        List<String> names = new ArrayList<>();
        for (int i = 0; i < arch.layers().size(); i++) {
            names.add(PopulationCnnGraph.weightName(i));
            names.add(PopulationCnnGraph.biasName(i));
        }
        Map<String, INDArray> grads = sd.calculateGradients(feed, names);
        for (int i = 0; i < arch.layers().size(); i++) {
            LayerSpec l = arch.layers().get(i);
            float[] gw =
                    grads.get(PopulationCnnGraph.weightName(i)).dup('c').data().asFloat();
            float[] gb =
                    grads.get(PopulationCnnGraph.biasName(i)).dup('c').data().asFloat();
            for (int m = 0; m < k; m++) {
                // the graph's variables hold model m's canonical block at m * size (PopulationWeights)
                // Kept apart (duplicates): weights and biases sit at their own offsets; one call each reads plainer
                assertClose(
                        gw,
                        m * l.weightCount(),
                        kernel.gradients()[m],
                        arch.weightOffset(i),
                        l.weightCount(),
                        id + " layer " + i + " W, model " + m);
                assertClose(
                        gb,
                        m * l.outChannels(),
                        kernel.gradients()[m],
                        arch.biasOffset(i),
                        l.outChannels(),
                        id + " layer " + i + " b, model " + m);
            }
        }
    }

    @Test
    void shouldTrainLikeThePopulationTrainerForTwoHundredSteps() {
        ZooRecipe recipe = ZooRecipe.fashionMnistDefault();
        long[] seeds = {31, 32};
        ImageSet train = data.train().head(2000);
        PopulationTrainer sameDiff = PopulationTrainer.create(recipe, seeds);
        LaneTrainer kernel = LaneTrainer.create(recipe, seeds, 2);
        int[] steps = {0, 0};
        sameDiff.trainEpoch(train, (step, n, loss) -> steps[0] = step);
        kernel.trainEpoch(train, (step, n, loss) -> steps[1] = step);
        assertEquals(200, steps[1]);
        assertEquals(steps[0], steps[1]);
        float[][] a = sameDiff.weights();
        float[][] b = kernel.weights();
        double worst = 0;
        for (int m = 0; m < seeds.length; m++) {
            float[] init = ModelSeeds.initialWeights(Architectures.CNN_S, recipe.init(), seeds[m]);
            double moved = 0;
            for (int i = 0; i < a[m].length; i++) {
                worst = Math.max(worst, Math.abs(a[m][i] - b[m][i]));
                moved = Math.max(moved, Math.abs(a[m][i] - init[i]));
            }
            assertTrue(moved > 1e-2, "the weights must have moved");
        }
        // Float sums in another order and ND4J's epsilon (added before the bias correction, PyTorch's after)
        // drift apart slowly: 6e-6 observed on weights of size ~0.1-0.5.
        assertTrue(worst < 5e-5, "max weight difference after 200 steps: " + worst);
    }

    private static void assertClose(float[] expected, int from, float[] actual, int at, int n, String what) {
        double scale = 0;
        for (int j = 0; j < n; j++) {
            scale = Math.max(scale, Math.abs(expected[from + j]));
        }
        for (int j = 0; j < n; j++) {
            assertEquals(expected[from + j], actual[at + j], 1e-4 * scale, what + " element " + j);
        }
    }

    /** The graph's training feed, built as PopulationBatches builds it: x[b, model m's channels] = its b-th image. */
    private static Map<String, INDArray> feed(Architecture arch, ZooRecipe recipe, ImageSet images, int[][] batches) {
        int k = batches.length;
        int batch = batches[0].length;
        int size = images.imageSize();
        float[] table = recipe.normalization().table();
        float[] x = new float[batch * k * size];
        float[] y = new float[k * batch * arch.classes()];
        for (int m = 0; m < k; m++) {
            for (int b = 0; b < batch; b++) {
                int img = batches[m][b];
                for (int j = 0; j < size; j++) {
                    x[(b * k + m) * size + j] = table[images.pixels()[img * size + j] & 0xff];
                }
                y[(m * batch + b) * arch.classes() + images.label(img)] = 1f;
            }
        }
        return Map.of(
                PopulationCnnGraph.INPUT,
                Nd4j.create(x, new long[] {batch, (long) k * arch.channels(), arch.height(), arch.width()}, 'c'),
                PopulationCnnGraph.LABELS,
                Nd4j.create(y, new long[] {k, batch, arch.classes()}, 'c'));
    }

    /** CNN-l's 3x32x32 input from Fashion-MNIST digits: each channel a shifted copy, padded with zeros. */
    private static ImageSet colourImages(Architecture arch, int n) {
        ImageSet src = data.train().head(n);
        byte[] px = new byte[n * arch.inputSize()];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        px[((i * 3 + c) * 32 + y + c) * 32 + x + 2] = src.pixels()[(i * 28 + y) * 28 + x];
                    }
                }
            }
        }
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) src.label(i);
        }
        return new ImageSet(n, 3, 32, 32, px, labels);
    }
}
