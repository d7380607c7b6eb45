package io.hyperrep.ml.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.data.Normalization;
import io.hyperrep.core.nn.ReferenceCnn;
import io.hyperrep.ml.nd.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Softmax outputs kept by the evaluator (for ensembles) against the plain-Java reference. */
class PopulationEvaluatorTest {

    @BeforeAll
    static void init() {
        Backend.init();
    }

    @Test
    void shouldKeepEachModelsSoftmaxMatchingTheReference() {
        Architecture arch = Architectures.CNN_S;
        float[][] w = PopulationCnnGraphTest.models(arch, 3);
        int n = 7;
        ImageSet imgs = PopulationCnnGraphTest.randomImages(arch, PopulationCnnGraphTest.randomLabels(n));
        Normalization norm = new Normalization(0.3, 0.35);
        PopulationEvaluator ev = new PopulationEvaluator(arch, Activation.TANH);

        Evaluation plain = ev.evaluate(w, imgs, norm, true);
        Evaluation full = ev.evaluate(w, imgs, norm, true, true);
        assertNull(plain.probabilities());
        assertArrayEquals(plain.accuracy(), full.accuracy());
        assertArrayEquals(plain.loss(), full.loss(), 1e-12);

        int size = arch.inputSize();
        for (int m = 0; m < w.length; m++) {
            assertEquals(n * arch.classes(), full.probabilities()[m].length);
            for (int i = 0; i < n; i++) {
                float[] image = new float[size];
                for (int j = 0; j < size; j++) {
                    image[j] = norm.apply(imgs.pixels()[i * size + j]);
                }
                double[] ref = ReferenceCnn.logits(arch, Activation.TANH, w[m], image);
                double max = java.util.Arrays.stream(ref).max().orElseThrow();
                double z =
                        java.util.Arrays.stream(ref).map(v -> Math.exp(v - max)).sum();
                double sum = 0;
                int arg = 0;
                for (int c = 0; c < arch.classes(); c++) {
                    float p = full.probabilities()[m][i * arch.classes() + c];
                    assertEquals(Math.exp(ref[c] - max) / z, p, 1e-4, "model " + m + " image " + i + " class " + c);
                    sum += p;
                    if (p > full.probabilities()[m][i * arch.classes() + arg]) {
                        arg = c;
                    }
                }
                assertEquals(1.0, sum, 1e-5);
                assertEquals(full.predictions()[m][i], arg, "argmax of the kept softmax is the prediction");
            }
        }
    }

    @Test
    void shouldGiveTheSameResultsWhenTheModelsAreSplitAcrossLanes() {
        Architecture arch = Architectures.CNN_S;
        float[][] w = PopulationCnnGraphTest.models(arch, 5);
        int n = 9;
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        ImageSet imgs = PopulationCnnGraphTest.randomImages(arch, labels);
        Normalization norm = new Normalization(0.3, 0.35);
        Evaluation one = new PopulationEvaluator(arch, Activation.TANH).evaluate(w, imgs, norm, true, true);
        try (ParallelPopulationEvaluator lanes = new ParallelPopulationEvaluator(arch, Activation.TANH, 2)) {
            Evaluation split = lanes.evaluate(w, imgs, norm, true, true);
            assertArrayEquals(one.accuracy(), split.accuracy());
            assertArrayEquals(one.loss(), split.loss(), 1e-6);
            for (int m = 0; m < w.length; m++) {
                assertArrayEquals(one.predictions()[m], split.predictions()[m], "model " + m);
                assertArrayEquals(one.probabilities()[m], split.probabilities()[m], 1e-6f, "model " + m);
            }
            Evaluation single = lanes.evaluate(new float[][] {w[3]}, imgs, norm);
            assertEquals(one.accuracy()[3], single.accuracy()[0]);
        }
    }
}
