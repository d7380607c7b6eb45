package io.hyperrep.ml.hyper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.nn.ReferenceCnn;
import io.hyperrep.core.token.TokenLayout;
import io.hyperrep.core.zoo.Initialization;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.ml.cnn.GraphMode;
import io.hyperrep.ml.cnn.PopulationCnnGraph;
import io.hyperrep.ml.nd.Backend;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** CNNs read from token-order rows compute what the same weights compute in the plain-Java reference. */
class DecodedCnnWeightsTest {

    // Kept apart (duplicates): the per-class backend set-up and two-architecture cases every ND4J layer test has
    @BeforeAll
    static void init() {
        Backend.init();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn-s", "cnn-l"})
    void shouldReadEveryLayerFromItsTokens(String id) {
        Architecture arch = Architectures.byId(id);
        TokenLayout layout = new TokenLayout(arch);
        int k = 3;
        int b = 2;
        int p = arch.parameterCount();
        float[][] w = new float[k][];
        float[] rows = new float[k * p];
        for (int m = 0; m < k; m++) {
            w[m] = ModelSeeds.initialWeights(arch, Initialization.PYTORCH_DEFAULT, 40 + m);
            // biases are 0 at this init for some layers: make them distinct so that a weight/bias mix-up shows
            for (int l = 0; l < arch.layers().size(); l++) {
                for (int j = 0; j < arch.layers().get(l).outChannels(); j++) {
                    w[m][arch.biasOffset(l) + j] = 0.01f * (j + 1) * (m + 1) * (l % 2 == 0 ? 1 : -1);
                }
            }
            System.arraycopy(layout.toTokenOrder(w[m]), 0, rows, m * p, p);
        }
        SameDiff sd = SameDiff.create();
        SDVariable decoded = sd.constant("decoded", Nd4j.create(rows, new long[] {k, p}, 'c'));
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, b, (long) k * arch.channels(), arch.height(), arch.width());
        SDVariable logits = PopulationCnnGraph.forward(
                sd, arch, Activation.TANH, x, k, GraphMode.GROUPED, new DecodedCnnWeights(sd, layout, decoded));
        sd.identity("logits", logits);
        int size = arch.inputSize();
        float[] images = new float[b * k * size];
        SplittableRandom rnd = new SplittableRandom(2);
        for (int j = 0; j < images.length; j++) {
            images[j] = (float) rnd.nextGaussian();
        }
        float[] out = sd.outputSingle(
                        Map.of(
                                "x",
                                Nd4j.create(
                                        images,
                                        new long[] {b, (long) k * arch.channels(), arch.height(), arch.width()},
                                        'c')),
                        "logits")
                .dup('c')
                .data()
                .asFloat();
        for (int m = 0; m < k; m++) {
            for (int i = 0; i < b; i++) {
                float[] image = new float[size];
                System.arraycopy(images, (i * k + m) * size, image, 0, size);
                double[] ref = ReferenceCnn.logits(arch, Activation.TANH, w[m], image);
                for (int c = 0; c < arch.classes(); c++) {
                    assertEquals(
                            ref[c],
                            out[(m * b + i) * arch.classes() + c],
                            2e-4,
                            "model " + m + " image " + i + " class " + c);
                }
            }
        }
    }
}
