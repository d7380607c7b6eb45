package io.hyperrep.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.arch.LayerSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The vectorised kernel against the plain reference, image by image. */
class BlockedCnnTest {

    @ParameterizedTest
    @CsvSource({
        "cnn-s,TANH,32,true",
        "cnn-s,TANH,32,false",
        "cnn-s,RELU,5,true",
        "cnn-s,RELU,5,false",
        "cnn-s,GELU,1,true",
        "cnn-l,TANH,32,true",
        "cnn-l,TANH,19,false",
        "cnn-l,GELU,7,true"
    })
    void shouldGiveTheReferenceLogitsForEveryImageOfABlock(String id, Activation act, int block, boolean simd) {
        Architecture arch = Architectures.byId(id);
        SplittableRandom rnd = new SplittableRandom(11);
        float[] params = kaiming(arch, rnd);
        int count = Math.max(1, block - 2); // a partly filled block, as at the end of a data set
        byte[] pixels = new byte[count * arch.inputSize()];
        rnd.nextBytes(pixels);
        float[] table = new float[256];
        for (int v = 0; v < 256; v++) {
            table[v] = (v / 255f - 0.29f) / 0.35f;
        }
        float[] input = new float[arch.inputSize() * block];
        BlockedCnn.toBlock(pixels, arch.inputSize(), 0, count, table, block, input);

        float[] logits = new BlockedCnn(arch, act, block, simd).forward(params, input);

        for (int b = 0; b < count; b++) {
            float[] image = new float[arch.inputSize()];
            for (int i = 0; i < image.length; i++) {
                image[i] = table[pixels[b * arch.inputSize() + i] & 0xff];
            }
            double[] ref = ReferenceCnn.logits(arch, act, params, image);
            for (int c = 0; c < arch.classes(); c++) {
                assertEquals(
                        ref[c],
                        logits[c * block + b],
                        1e-4 * Math.max(1, Math.abs(ref[c])),
                        id + " " + act + (simd ? " simd" : " scalar") + " image " + b + " class " + c);
            }
        }
    }

    @Test
    void shouldRunWithTheVectorApiInTheTestJvm() {
        assertTrue(BlockedCnn.VECTORISED, "surefire's argLine adds jdk.incubator.vector, as ./hyperrep does");
    }

    /** Kaiming-uniform weights with biases 0.1, so every layer's output depends on its inputs. */
    static float[] kaiming(Architecture arch, SplittableRandom rnd) {
        float[] p = new float[arch.parameterCount()];
        for (int li = 0; li < arch.layers().size(); li++) {
            LayerSpec l = arch.layers().get(li);
            double bound = Math.sqrt(6.0 / l.fanIn());
            for (int i = 0; i < l.weightCount(); i++) {
                p[arch.weightOffset(li) + i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
            }
            for (int i = 0; i < l.outChannels(); i++) {
                p[arch.biasOffset(li) + i] = 0.1f;
            }
        }
        return p;
    }
}
