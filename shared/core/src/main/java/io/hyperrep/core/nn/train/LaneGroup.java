package io.hyperrep.core.nn.train;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.data.ImageSet;
import java.util.Arrays;

/**
 * Up to {@link LaneCnn#LANES} models training together, one per lane: their lane-interleaved weights,
 * Adam moments and gradient, and the network that computes it. Lanes past the last model are padding:
 * zero weights and images, trained and thrown away, so that every model always runs in full vectors.
 */
final class LaneGroup {

    private static final int L = LaneCnn.LANES;

    private final int models;
    final float[] params;
    final float[] m;
    final float[] v;
    private final float[] grads;
    private final float[] input;
    private final int[] labels = new int[L];
    private final double[] loss = new double[L];
    private final LaneCnn net;

    LaneGroup(Architecture arch, Activation activation, float[][] weights) {
        if (weights.length == 0 || weights.length > L) {
            throw new IllegalArgumentException("a lane group holds 1.." + L + " models, got " + weights.length);
        }
        this.models = weights.length;
        int n = arch.parameterCount();
        params = new float[n * L];
        m = new float[n * L];
        v = new float[n * L];
        grads = new float[n * L];
        input = new float[arch.inputSize() * L];
        net = new LaneCnn(arch, activation);
        for (int j = 0; j < models; j++) {
            scatter(weights[j], params, j);
        }
    }

    int models() {
        return models;
    }

    /** Model {@code j}'s values of a lane-interleaved array. */
    static float[] gather(float[] interleaved, int j) {
        float[] out = new float[interleaved.length / L];
        for (int i = 0; i < out.length; i++) {
            out[i] = interleaved[i * L + j];
        }
        return out;
    }

    static void scatter(float[] values, float[] interleaved, int j) {
        for (int i = 0; i < values.length; i++) {
            interleaved[i * L + j] = values[i];
        }
    }

    /**
     * One optimisation step: model j (lane j) takes images {@code order[j][first .. first+batch)} of
     * {@code data}; returns the sum over the group's models of their batch-mean cross-entropy.
     */
    double step(ImageSet data, float[] table, int[][] order, int first, int batch, AdamSettings adam, long adamStep) {
        double sum = gradient(data, table, order, first, batch);
        LaneAdam.step(adam, adamStep, params, grads, m, v);
        return sum;
    }

    /** The batch-mean gradient of every lane into {@link #grads}; returns the summed batch-mean loss of the real models. */
    double gradient(ImageSet data, float[] table, int[][] order, int first, int batch) {
        Arrays.fill(grads, 0f);
        Arrays.fill(loss, 0);
        net.prepare(params);
        int size = data.imageSize();
        byte[] px = data.pixels();
        float scale = 1f / batch;
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < models; j++) {
                int img = order[j][first + b];
                labels[j] = data.label(img);
                int src = img * size;
                for (int i = 0; i < size; i++) {
                    input[i * L + j] = table[px[src + i] & 0xff];
                }
            }
            net.accumulate(params, grads, input, labels, scale, loss);
        }
        double sum = 0;
        for (int j = 0; j < models; j++) {
            sum += loss[j] / batch;
        }
        return sum;
    }

    /** Model {@code j}'s gradient of the last {@link #gradient} call, canonical order. */
    float[] gradientOf(int j) {
        return gather(grads, j);
    }

    /** Model {@code j}'s batch-mean loss of the last {@link #gradient} call. */
    double lossOf(int j, int batch) {
        return loss[j] / batch;
    }
}
