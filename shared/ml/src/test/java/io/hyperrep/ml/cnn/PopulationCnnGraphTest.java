package io.hyperrep.ml.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.data.Normalization;
import io.hyperrep.core.nn.ReferenceCnn;
import io.hyperrep.core.zoo.Initialization;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.ml.nd.Backend;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/** The SameDiff population graphs against the plain-Java reference forward pass. */
class PopulationCnnGraphTest {

    @BeforeAll
    static void init() {
        Backend.init();
    }

    static float[][] models(Architecture arch, int k) {
        float[][] w = new float[k][];
        for (int m = 0; m < k; m++) {
            w[m] = ModelSeeds.initialWeights(arch, Initialization.PYTORCH_DEFAULT, 100 + m);
        }
        return w;
    }

    static ImageSet randomImages(Architecture arch, int n) {
        byte[] px = new byte[n * arch.inputSize()];
        new SplittableRandom(5).nextBytes(px);
        return new ImageSet(n, arch.channels(), arch.height(), arch.width(), px, new byte[n]);
    }

    /** {@link #randomImages(Architecture, int)} carrying {@code labels}. */
    static ImageSet randomImages(Architecture arch, byte[] labels) {
        ImageSet random = randomImages(arch, labels.length);
        return new ImageSet(labels.length, random.channels(), random.height(), random.width(), random.pixels(), labels);
    }

    /** {@code n} labels drawn uniformly from 0..9 (seed 3). */
    static byte[] randomLabels(int n) {
        byte[] labels = new byte[n];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) rnd.nextInt(10);
        }
        return labels;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn-s", "cnn-l"})
    void shouldRoundTripCanonicalWeightsThroughTheGraphVariables(String id) {
        Architecture arch = Architectures.byId(id);
        for (GraphMode mode : GraphMode.values()) {
            SameDiff sd = PopulationCnnGraph.build(arch, Activation.TANH, 3, mode, 2, false);
            float[][] w = models(arch, 3);
            PopulationWeights.load(sd, arch, w);
            float[][] back = PopulationWeights.read(sd, arch, 3);
            for (int m = 0; m < 3; m++) {
                assertArrayEquals(w[m], back[m]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GraphMode.class)
    void shouldMatchTheReferenceForwardPassForCnnS(GraphMode mode) {
        assertMatchesReference(Architectures.CNN_S, Activation.TANH, mode);
    }

    @ParameterizedTest
    @EnumSource(GraphMode.class)
    void shouldMatchTheReferenceForwardPassForCnnLWithGelu(GraphMode mode) {
        assertMatchesReference(Architectures.CNN_L, Activation.GELU, mode);
    }

    private static void assertMatchesReference(Architecture arch, Activation act, GraphMode mode) {
        int k = 3;
        int b = 4;
        float[][] w = models(arch, k);
        ImageSet imgs = randomImages(arch, b);
        Normalization norm = new Normalization(0.3, 0.35);
        SameDiff sd = PopulationCnnGraph.build(arch, act, k, mode, b, false);
        PopulationWeights.load(sd, arch, w);
        int size = arch.inputSize();
        float[] x;
        long[] shape;
        if (mode == GraphMode.SHARED) {
            x = new float[b * size];
            for (int j = 0; j < x.length; j++) {
                x[j] = norm.apply(imgs.pixels()[j]);
            }
            shape = new long[] {b, arch.channels(), arch.height(), arch.width()};
        } else {
            // model m sees image (i + m) % b at batch row i
            x = new float[b * k * size];
            for (int i = 0; i < b; i++) {
                for (int m = 0; m < k; m++) {
                    int img = (i + m) % b;
                    for (int j = 0; j < size; j++) {
                        x[(i * k + m) * size + j] = norm.apply(imgs.pixels()[img * size + j]);
                    }
                }
            }
            shape = new long[] {b, (long) k * arch.channels(), arch.height(), arch.width()};
        }
        float[] logits = sd.outputSingle(
                        Map.of(PopulationCnnGraph.INPUT, Nd4j.create(x, shape, 'c')), PopulationCnnGraph.LOGITS)
                .dup('c')
                .data()
                .asFloat();
        assertEquals(k * b * arch.classes(), logits.length);
        for (int m = 0; m < k; m++) {
            for (int i = 0; i < b; i++) {
                int img = mode == GraphMode.SHARED ? i : (i + m) % b;
                float[] image = new float[size];
                for (int j = 0; j < size; j++) {
                    image[j] = norm.apply(imgs.pixels()[img * size + j]);
                }
                double[] ref = ReferenceCnn.logits(arch, act, w[m], image);
                for (int c = 0; c < arch.classes(); c++) {
                    assertEquals(
                            ref[c],
                            logits[(m * b + i) * arch.classes() + c],
                            2e-4,
                            mode + " model " + m + " image " + i + " class " + c);
                }
            }
        }
    }

    /**
     * The training loss's gradient is that of the per-model mean cross-entropy it reports (central
     * differences in float, so a loose tolerance: the M2.1 trap this pins made it batch = 4 times too large).
     */
    @org.junit.jupiter.api.Test
    void shouldGiveTheGradientOfTheMeanCrossEntropy() {
        Architecture arch = Architectures.CNN_S;
        int k = 2;
        int b = 4;
        SameDiff sd = PopulationCnnGraph.build(arch, Activation.TANH, k, GraphMode.GROUPED, b, true);
        PopulationWeights.load(sd, arch, models(arch, k));
        SplittableRandom rnd = new SplittableRandom(9);
        float[] x = new float[b * k * arch.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        float[] y = new float[k * b * arch.classes()];
        for (int r = 0; r < k * b; r++) {
            y[r * arch.classes() + r % arch.classes()] = 1f;
        }
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> ph = Map.of(
                PopulationCnnGraph.INPUT, Nd4j.create(x, new long[] {b, k, arch.height(), arch.width()}, 'c'),
                PopulationCnnGraph.LABELS, Nd4j.create(y, new long[] {k, b, arch.classes()}, 'c'));
        String name = PopulationCnnGraph.weightName(4);
        org.nd4j.linalg.api.ndarray.INDArray w = sd.getVariable(name).getArr();
        org.nd4j.linalg.api.ndarray.INDArray grad =
                sd.calculateGradients(ph, name).get(name);
        for (long i : new long[] {3, 57, 211}) {
            float orig = w.getFloat(i);
            double h = 1e-2;
            w.putScalar(i, orig + h);
            double plus = sd.output(ph, PopulationCnnGraph.LOSS)
                    .get(PopulationCnnGraph.LOSS)
                    .getDouble(0);
            w.putScalar(i, orig - h);
            double minus = sd.output(ph, PopulationCnnGraph.LOSS)
                    .get(PopulationCnnGraph.LOSS)
                    .getDouble(0);
            w.putScalar(i, orig);
            double numeric = (plus - minus) / (2 * h);
            assertEquals(numeric, grad.getDouble(i), 0.05 * Math.abs(numeric) + 1e-4, "fc2 weight " + i);
        }
    }
}
