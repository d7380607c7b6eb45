package io.hyperrep.ml.hyper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.data.Normalization;
import io.hyperrep.core.data.Permutations;
import io.hyperrep.core.nn.ReferenceCnn;
import io.hyperrep.core.token.TokenLayout;
import io.hyperrep.core.zoo.Initialization;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.ml.nd.Backend;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The task and function terms against independent computations: inference-graph codes (mixed in Java) or
 * reconstructions, decoded, classified by the reference CNN.
 */
class TaskLossTest {

    static final Architecture ARCH = Architectures.CNN_S;
    static final TokenLayout LAYOUT = new TokenLayout(ARCH);

    @BeforeAll
    static void init() {
        Backend.init();
    }

    @Test
    void shouldEqualTheCrossEntropyOfModelsDecodedFromPerDimensionMixedCodes() {
        int batch = 3;
        int n = 2 * batch;
        int images = 2;
        AutoencoderConfig cfg = config(batch);
        // no jitter: the term is then a deterministic function of codes, mix and images
        SameDiff train = trainingGraph(cfg, 3, new TaskLoss(1.0, 0, images, 0.0, Activation.TANH));

        float[][] canonical = initialModels(n, 70);
        float[] views = tokenViews(canonical);
        SplittableRandom rnd = new SplittableRandom(12);
        int[][] perms = new int[cfg.latent()][];
        float[] mix = new float[cfg.latent() * n * n];
        for (int d = 0; d < cfg.latent(); d++) {
            perms[d] = Permutations.shuffled(n, rnd);
            for (int r = 0; r < n; r++) {
                mix[(d * n + r) * n + perms[d][r]] = 1f;
            }
        }
        int size = ARCH.inputSize();
        float[] px = gaussianPixels(images * n * size, rnd);
        float[] labels = new float[n * images * ARCH.classes()];
        for (int m = 0; m < n; m++) {
            for (int i = 0; i < images; i++) {
                labels[(m * images + i) * ARCH.classes() + rnd.nextInt(ARCH.classes())] = 1f;
            }
        }
        Map<String, INDArray> ph = Map.of(
                AutoencoderGraph.VIEWS, rows(views, n),
                AutoencoderGraph.TASK_MIX, Nd4j.create(mix, new long[] {cfg.latent(), n, n}, 'c'),
                AutoencoderGraph.TASK_IMAGES, imageBatches(px, images, n),
                AutoencoderGraph.TASK_LABELS, Nd4j.create(labels, new long[] {n, images, ARCH.classes()}, 'c'));
        double graphLoss = train.output(ph, AutoencoderGraph.LOSS_TASK)
                .get(AutoencoderGraph.LOSS_TASK)
                .getDouble(0);

        SameDiff inference = inferenceOf(train, cfg);
        float[][] z = inference
                .outputSingle(Map.of(AutoencoderGraph.INPUT, rows(views, n)), AutoencoderGraph.LATENT)
                .toFloatMatrix();
        float[] mixed = new float[n * cfg.latent()];
        for (int r = 0; r < n; r++) {
            for (int d = 0; d < cfg.latent(); d++) {
                mixed[r * cfg.latent() + d] = z[perms[d][r]][d];
            }
        }
        float[][] decoded = inference
                .outputSingle(
                        Map.of(AutoencoderGraph.LATENT_INPUT, Nd4j.create(mixed, new long[] {n, cfg.latent()}, 'c')),
                        AutoencoderGraph.DECODED)
                .toFloatMatrix();
        double sum = 0;
        for (int m = 0; m < n; m++) {
            float[] weights = LAYOUT.fromTokenOrder(decoded[m]);
            for (int i = 0; i < images; i++) {
                float[] image = new float[size];
                System.arraycopy(px, (i * n + m) * size, image, 0, size);
                double[] logQ = logSoftmax(ReferenceCnn.logits(ARCH, Activation.TANH, weights, image));
                int label = -1;
                for (int c = 0; c < logQ.length; c++) {
                    label = labels[(m * images + i) * ARCH.classes() + c] == 1f ? c : label;
                }
                sum -= logQ[label];
            }
        }
        assertEquals(sum / (n * images), graphLoss, 1e-4 * Math.max(1, graphLoss));
    }

    /**
     * The function term alone: the graph needs only the views and the images, and its value is the mean KL
     * divergence from the reference CNN's predictions with the original weights to those with the inference
     * graph's reconstructions.
     */
    @Test
    void shouldEqualTheKlDivergenceFromTheOriginalsPredictionsToTheReconstructions() {
        // Kept apart (duplicates): alike in shape to the task term's case; each spells out its own sizes and seeds
        int batch = 2;
        int n = 2 * batch;
        int images = 3;
        AutoencoderConfig cfg = config(batch);
        SameDiff train = trainingGraph(cfg, 4, new TaskLoss(0, 1.0, images, 0.4, Activation.TANH));

        float[][] canonical = initialModels(n, 90);
        float[] views = tokenViews(canonical);
        SplittableRandom rnd = new SplittableRandom(21);
        int size = ARCH.inputSize();
        float[] px = gaussianPixels(images * n * size, rnd);
        Map<String, INDArray> ph = Map.of(
                AutoencoderGraph.VIEWS, rows(views, n),
                AutoencoderGraph.TASK_IMAGES, imageBatches(px, images, n));
        double graphLoss = train.output(ph, AutoencoderGraph.LOSS_FUNCTION)
                .get(AutoencoderGraph.LOSS_FUNCTION)
                .getDouble(0);

        SameDiff inference = inferenceOf(train, cfg);
        float[][] recon = inference
                .outputSingle(Map.of(AutoencoderGraph.INPUT, rows(views, n)), AutoencoderGraph.RECONSTRUCTION)
                .toFloatMatrix();
        double sum = 0;
        for (int m = 0; m < n; m++) {
            float[] rebuilt = LAYOUT.fromTokenOrder(recon[m]);
            for (int i = 0; i < images; i++) {
                float[] image = new float[size];
                System.arraycopy(px, (i * n + m) * size, image, 0, size);
                double[] logP = logSoftmax(ReferenceCnn.logits(ARCH, Activation.TANH, canonical[m], image));
                double[] logQ = logSoftmax(ReferenceCnn.logits(ARCH, Activation.TANH, rebuilt, image));
                for (int c = 0; c < logP.length; c++) {
                    sum += Math.exp(logP[c]) * (logP[c] - logQ[c]);
                }
            }
        }
        double expected = sum / (n * images);
        assertTrue(expected > 1e-3, "an untrained autoencoder's reconstructions predict differently: " + expected);
        assertEquals(expected, graphLoss, 1e-4 * Math.max(1, expected));
    }

    /** A one-block autoencoder with a latent of 5 and {@code batch} models a batch (2 * batch views). */
    private static AutoencoderConfig config(int batch) {
        return TinyConfigs.oneBlock(16, 16, 5)
                .projection(1, 8, 4)
                .batchSize(batch)
                .build();
    }

    /** The training graph with the term {@code task}, every weight's scale 0.1. */
    private static SameDiff trainingGraph(AutoencoderConfig cfg, long seed, TaskLoss task) {
        float[] sigma = new float[ARCH.parameterCount()];
        java.util.Arrays.fill(sigma, 0.1f);
        return AutoencoderGraph.training(LAYOUT, cfg, sigma, seed, task);
    }

    /** {@code n} token-order models as the graph's [n, parameters] input. */
    private static INDArray rows(float[] views, int n) {
        return Nd4j.create(views, new long[] {n, ARCH.parameterCount()}, 'c');
    }

    /** The pixels as the graph's [images, n, height, width] task input: image i of every model, then image i+1. */
    private static INDArray imageBatches(float[] px, int images, int n) {
        return Nd4j.create(px, new long[] {images, n, ARCH.height(), ARCH.width()}, 'c');
    }

    /** {@code n} CNNs at their PyTorch-default initialisation, seeds {@code firstSeed..}: weights of a realistic size. */
    private static float[][] initialModels(int n, int firstSeed) {
        float[][] models = new float[n][];
        for (int r = 0; r < n; r++) {
            models[r] = ModelSeeds.initialWeights(ARCH, Initialization.PYTORCH_DEFAULT, firstSeed + r);
        }
        return models;
    }

    /** The models as the graph's views placeholder: token order, one row each. */
    private static float[] tokenViews(float[][] canonical) {
        int p = ARCH.parameterCount();
        float[] views = new float[canonical.length * p];
        for (int r = 0; r < canonical.length; r++) {
            System.arraycopy(LAYOUT.toTokenOrder(canonical[r]), 0, views, r * p, p);
        }
        return views;
    }

    /** The inference graph with the training graph's weights (the projection head is training-only). */
    private static SameDiff inferenceOf(SameDiff train, AutoencoderConfig cfg) {
        SameDiff inference = AutoencoderGraph.inference(LAYOUT, cfg);
        Map<String, INDArray> trained = new java.util.HashMap<>(GraphWeights.read(train));
        trained.keySet().retainAll(GraphWeights.names(inference));
        GraphWeights.write(inference, trained, true, "the training graph");
        return inference;
    }

    /** {@code count} standard-normal pixels: the term's value does not depend on images looking like images. */
    private static float[] gaussianPixels(int count, SplittableRandom rnd) {
        float[] px = new float[count];
        for (int j = 0; j < px.length; j++) {
            px[j] = (float) rnd.nextGaussian();
        }
        return px;
    }

    // Kept apart (duplicates): core's LaneCnnGradientTest writes the same reference softmax; no shared test code
    private static double[] logSoftmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : logits) {
            sum += Math.exp(v - max);
        }
        double lse = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int c = 0; c < logits.length; c++) {
            out[c] = logits[c] - lse;
        }
        return out;
    }

    @Test
    void shouldLayOutEachModelsOwnImagesAndOneHotLabels() {
        byte[] px = new byte[4 * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i / 4 * 10); // image j is all 10*j
        }
        ImageSet set = new ImageSet(4, 1, 2, 2, px, new byte[] {0, 1, 2, 3});
        TaskTraining t = new TaskTraining(new TaskLoss(1, 0, 3, 0, Activation.TANH), set, Normalization.UNIT);
        float[] pixels = new float[3 * 2 * 4];
        float[] labels = new float[2 * 3 * 4];
        t.fill(2, 4, new SplittableRandom(1), pixels, labels);
        for (int m = 0; m < 2; m++) {
            for (int i = 0; i < 3; i++) {
                int first = (i * 2 + m) * 4;
                float v = pixels[first]; // 10*j/255 for image j
                assertArrayEquals(new float[] {v, v, v, v}, java.util.Arrays.copyOfRange(pixels, first, first + 4));
                int image = Math.round(v * 255 / 10);
                float[] oneHot = java.util.Arrays.copyOfRange(labels, (m * 3 + i) * 4, (m * 3 + i) * 4 + 4);
                float[] expected = new float[4];
                expected[image] = 1f;
                assertArrayEquals(expected, oneHot, "model " + m + " image " + i);
            }
        }
    }

    @Test
    void shouldRejectImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> new TaskLoss(0, 0, 8, 0.4, Activation.TANH));
        assertThrows(IllegalArgumentException.class, () -> new TaskLoss(1, 0, 0, 0.4, Activation.TANH));
        assertThrows(IllegalArgumentException.class, () -> new TaskLoss(1, 0, 8, -1, Activation.TANH));
        assertThrows(IllegalArgumentException.class, () -> new TaskLoss(Double.NaN, 0, 8, 0.4, Activation.TANH));
        assertThrows(IllegalArgumentException.class, () -> new TaskLoss(0, -1, 8, 0.4, Activation.TANH));
        assertThrows(
                IllegalArgumentException.class,
                () -> new TaskLoss(0, Double.POSITIVE_INFINITY, 8, 0.4, Activation.TANH));
        TaskLoss functionOnly = new TaskLoss(0, 0.5, 8, 0.4, Activation.TANH);
        assertTrue(functionOnly.hasFunction() && !functionOnly.hasTask());
    }
}
