package io.hyperrep.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.nn.ReferenceCnn;
import io.hyperrep.core.zoo.Initialization;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.core.zoo.ZooRecipe;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A permuted model computes the same function: same logits on real Fashion-MNIST images. */
class WeightPermutationTest {

    static ImageSet images;

    @BeforeAll
    static void load() {
        images = Datasets.load("fashion-mnist", null).test().head(8);
    }

    /** Fashion-MNIST as the model's input: CNN-s as is; CNN-l padded to 32x32 and repeated over 3 channels. */
    static float[] input(Architecture a, int i) {
        var norm = ZooRecipe.FASHION_MNIST_NORMALIZATION;
        float[] x = new float[a.inputSize()];
        int pad = (a.height() - 28) / 2;
        for (int c = 0; c < a.channels(); c++) {
            for (int y = 0; y < 28; y++) {
                for (int xx = 0; xx < 28; xx++) {
                    x[(c * a.height() + y + pad) * a.width() + xx + pad] =
                            norm.apply(images.pixels()[i * 784 + y * 28 + xx]);
                }
            }
        }
        return x;
    }

    static void assertSameFunction(Architecture a, Activation act) {
        float[] w = ModelSeeds.initialWeights(a, Initialization.KAIMING_UNIFORM, 9);
        float[] p = WeightPermutation.apply(a, w, WeightPermutation.random(a, new SplittableRandom(3)));
        assertFalse(Arrays.equals(w, p), "the permutation must move weights");
        for (int i = 0; i < images.count(); i++) {
            double[] l0 = ReferenceCnn.logits(a, act, w, input(a, i));
            double[] l1 = ReferenceCnn.logits(a, act, p, input(a, i));
            for (int c = 0; c < l0.length; c++) {
                assertEquals(l0[c], l1[c], 1e-5 * Math.max(1, Math.abs(l0[c])), "image " + i + " class " + c);
            }
        }
    }

    @Test
    void shouldPreserveCnnSLogits() {
        assertSameFunction(Architectures.CNN_S, Activation.TANH);
    }

    @Test
    void shouldPreserveCnnLLogits() {
        assertSameFunction(Architectures.CNN_L, Activation.GELU);
    }

    @Test
    void shouldChangeTheFunctionIfTheNextLayerIsNotPermuted() {
        // Sanity check of the test itself: permuting only outputs breaks the function.
        Architecture a = Architectures.CNN_S;
        float[] w = ModelSeeds.initialWeights(a, Initialization.KAIMING_UNIFORM, 9);
        int[][] perms = WeightPermutation.random(a, new SplittableRandom(3));
        float[] p = WeightPermutation.apply(a, w, perms);
        // undo the input permutation of layer 4 by restoring its weights
        System.arraycopy(
                w, a.weightOffset(4), p, a.weightOffset(4), a.layers().get(4).weightCount());
        double[] l0 = ReferenceCnn.logits(a, Activation.TANH, w, input(a, 0));
        double[] l1 = ReferenceCnn.logits(a, Activation.TANH, p, input(a, 0));
        double diff = 0;
        for (int c = 0; c < l0.length; c++) {
            diff += Math.abs(l0[c] - l1[c]);
        }
        assertTrue(diff > 1e-3);
    }

    @Test
    void shouldEraseOneContiguousBlockWithinTheScaleRange() {
        Architecture a = Architectures.CNN_S;
        Augmentation erase = new Augmentation(false, 0, 1.0, 0.02, 0.33);
        float[] w = new float[a.parameterCount()];
        Arrays.fill(w, 1f);
        SplittableRandom rnd = new SplittableRandom(4);
        int erased = 0;
        for (int t = 0; t < 200; t++) {
            float[] v = erase.view(a, w, rnd);
            int zeros = 0;
            int first = -1;
            int last = -1;
            for (int i = 0; i < v.length; i++) {
                if (v[i] == 0f) {
                    zeros++;
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            if (zeros > 0) {
                erased++;
                assertEquals(last - first + 1, zeros, "one contiguous block");
                assertTrue(zeros >= (int) (0.02 * v.length) && zeros <= (int) (0.33 * v.length), "length " + zeros);
            }
        }
        assertTrue(erased > 150, "most views erased with p=1 (a few give up after 10 retries): " + erased);
    }
}
