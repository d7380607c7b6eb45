package io.hyperrep.core.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.arch.LayerSpec;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.data.Normalization;
import io.hyperrep.core.nn.ReferenceCnn;
import io.hyperrep.core.zoo.Initialization;
import io.hyperrep.core.zoo.ModelSeeds;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kernel's gradients against central finite differences of the plain double-precision reference
 * forward pass ({@link ReferenceCnn}), for parameters of every layer (a sample of weights and biases),
 * for several models sharing a lane group, each with its own images.
 */
class LaneCnnGradientTest {

    static final Normalization NORM = new Normalization(0.29, 0.35);
    static final int BATCH = 3;
    static final int WEIGHTS_PER_LAYER = 16;
    static final int BIASES_PER_LAYER = 8;

    @ParameterizedTest
    @CsvSource({"cnn-s,TANH", "cnn-s,RELU", "cnn-l,TANH"})
    void shouldGiveTheFiniteDifferenceGradientOfTheBatchMeanCrossEntropy(String id, Activation act) {
        Architecture arch = Architectures.byId(id);
        int models = Math.min(3, LaneTrainer.lanes());
        SplittableRandom rnd = new SplittableRandom(7);
        ImageSet images = randomImages(arch, models * BATCH, rnd);
        float[][] weights = new float[models][];
        int[][] order = new int[models][BATCH];
        for (int m = 0; m < models; m++) {
            weights[m] = ModelSeeds.initialWeights(arch, Initialization.PYTORCH_DEFAULT, 40 + m);
            for (int b = 0; b < BATCH; b++) {
                order[m][b] = m * BATCH + b; // every model its own images
            }
        }
        LaneGroup group = new LaneGroup(arch, act, weights);
        group.gradient(images, NORM.table(), order, 0, BATCH);

        for (int m = 0; m < models; m++) {
            float[] grad = group.gradientOf(m);
            double[] p = toDouble(weights[m]);
            assertEquals(loss(arch, act, p, images, order[m]), group.lossOf(m, BATCH), 1e-5, "model " + m + " loss");
            for (int li = 0; li < arch.layers().size(); li++) {
                LayerSpec l = arch.layers().get(li);
                int[] idx = sample(arch, li, rnd);
                double[] fd = new double[idx.length];
                double scale = 0;
                for (int j = 0; j < idx.length; j++) {
                    fd[j] = finiteDifference(arch, act, p, images, order[m], idx[j]);
                    scale = Math.max(scale, Math.abs(fd[j]));
                }
                assertTrue(scale > 1e-6, "layer " + li + " must have a gradient to compare");
                for (int j = 0; j < idx.length; j++) {
                    // float sums over up to 576 positions x batch; the observed error stays below 2e-5 of the layer's
                    // scale
                    assertEquals(
                            fd[j],
                            grad[idx[j]],
                            1e-4 * scale + 1e-4 * Math.abs(fd[j]),
                            id + " " + act + " model " + m + " layer " + li + " (" + l.kind() + ") parameter "
                                    + idx[j]);
                }
            }
        }
    }

    /** {@link #WEIGHTS_PER_LAYER} random weights and the first {@link #BIASES_PER_LAYER} biases of layer {@code li}. */
    static int[] sample(Architecture arch, int li, SplittableRandom rnd) {
        LayerSpec l = arch.layers().get(li);
        int n = Math.min(WEIGHTS_PER_LAYER, l.weightCount());
        int b = Math.min(BIASES_PER_LAYER, l.outChannels());
        int[] idx = new int[n + b];
        for (int j = 0; j < n; j++) {
            idx[j] = arch.weightOffset(li) + rnd.nextInt(l.weightCount());
        }
        for (int j = 0; j < b; j++) {
            idx[n + j] = arch.biasOffset(li) + j;
        }
        return idx;
    }

    static double finiteDifference(Architecture arch, Activation act, double[] p, ImageSet images, int[] batch, int i) {
        double h = 1e-6;
        double keep = p[i];
        p[i] = keep + h;
        double up = loss(arch, act, p, images, batch);
        p[i] = keep - h;
        double down = loss(arch, act, p, images, batch);
        p[i] = keep;
        return (up - down) / (2 * h);
    }

    /** Batch-mean softmax cross-entropy in double precision. */
    static double loss(Architecture arch, Activation act, double[] p, ImageSet images, int[] batch) {
        double sum = 0;
        for (int img : batch) {
            double[] z = ReferenceCnn.logits(arch, act, p, image(images, img));
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double s = 0;
            for (double v : z) {
                s += Math.exp(v - max);
            }
            sum += Math.log(s) + max - z[images.label(img)];
        }
        return sum / batch.length;
    }

    static float[] image(ImageSet images, int i) {
        float[] x = new float[images.imageSize()];
        for (int j = 0; j < x.length; j++) {
            x[j] = NORM.apply(images.pixels()[i * images.imageSize() + j]);
        }
        return x;
    }

    static ImageSet randomImages(Architecture arch, int n, SplittableRandom rnd) {
        byte[] px = new byte[n * arch.inputSize()];
        rnd.nextBytes(px);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) rnd.nextInt(arch.classes());
        }
        return new ImageSet(n, arch.channels(), arch.height(), arch.width(), px, labels);
    }

    static double[] toDouble(float[] w) {
        double[] d = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            d[i] = w[i];
        }
        return d;
    }
}
