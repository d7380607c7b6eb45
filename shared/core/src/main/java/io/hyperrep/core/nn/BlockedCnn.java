package io.hyperrep.core.nn;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.LayerSpec;

/**
 * The forward pass of one zoo CNN over a block of images, vectorised across the block.
 *
 * <p>Activations are laid out {@code [channel][y][x][image]} with the block's images innermost. Every
 * weight then multiplies one long contiguous run of floats (a whole output row for all images of the
 * block), the shape of loop HotSpot's C2 compiles to SIMD. The zoo CNNs are far too small for a
 * per-image convolution to keep vector units busy (a conv3 row of CNN-s is 3 pixels wide); across a
 * block of 32 images it is 96 floats. Kernel taps are summed four at a time so each accumulator
 * load/store carries four multiply-adds. The loops use the Vector API when the JVM has it
 * ({@link #VECTORISED}; docs/decisions/vector-api-kernels.md).
 *
 * <p>Same arithmetic as {@link ReferenceCnn} (stride 1, no padding, max-pool before the activation,
 * channel-major flatten), in float. One instance holds the scratch buffers of one thread.
 */
public final class BlockedCnn {

    /**
     * Whether the inner loops use explicit SIMD ({@link VectorTaps}): needs the JVM option
     * {@code --add-modules jdk.incubator.vector}, which {@code ./hyperrep} and the test runner pass.
     * Without it the same loops run scalar, ~7x slower.
     */
    public static final boolean VECTORISED =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private final Architecture arch;
    private final Activation activation;
    private final int block;
    private final float[][] outputs;
    private final float[] conv;
    private final boolean simd;

    public BlockedCnn(Architecture arch, Activation activation, int block) {
        this(arch, activation, block, VECTORISED);
    }

    /** With {@code simd} false the scalar loops run even when the Vector API is there (tests use both). */
    BlockedCnn(Architecture arch, Activation activation, int block, boolean simd) {
        if (simd && !VECTORISED) {
            throw new IllegalStateException("SIMD loops need the JVM option --add-modules jdk.incubator.vector");
        }
        this.simd = simd;
        if (block < 1) {
            throw new IllegalArgumentException("block size must be >= 1, got " + block);
        }
        this.arch = arch;
        this.activation = activation;
        this.block = block;
        int layers = arch.layers().size();
        outputs = new float[layers][];
        int largestConv = 1;
        for (int i = 0; i < layers; i++) {
            LayerSpec l = arch.layers().get(i);
            int out = arch.outputSpatial(i);
            outputs[i] = new float[l.outChannels() * out * out * block];
            if (l.kind() == LayerSpec.Kind.CONV2D) {
                int o = arch.inputSpatial(i) - l.kernel() + 1;
                largestConv = Math.max(largestConv, o * o * block);
            }
        }
        conv = new float[largestConv];
    }

    public int block() {
        return block;
    }

    /**
     * Writes images {@code first .. first+count-1} of {@code pixels} (raw bytes, one image after the
     * other) into {@code into} in block layout, scaled by {@code table}; images past {@code count} are
     * zero.
     */
    public static void toBlock(
            byte[] pixels, int imageSize, int first, int count, float[] table, int block, float[] into) {
        if (into.length != imageSize * block || count > block) {
            throw new IllegalArgumentException("block buffer of " + into.length + " floats for " + count + " images of "
                    + imageSize + " pixels in blocks of " + block);
        }
        java.util.Arrays.fill(into, 0f);
        for (int b = 0; b < count; b++) {
            int src = (first + b) * imageSize;
            for (int i = 0; i < imageSize; i++) {
                into[i * block + b] = table[pixels[src + i] & 0xff];
            }
        }
    }

    /**
     * Logits of the model with canonical parameters {@code params} for a block of images in block layout;
     * the returned array ({@code [class][image]}) is reused by the next call.
     */
    public float[] forward(float[] params, float[] input) {
        float[] h = input;
        int channels = arch.channels();
        int size = arch.height();
        for (int li = 0; li < arch.layers().size(); li++) {
            LayerSpec l = arch.layers().get(li);
            float[] out = outputs[li];
            if (l.kind() == LayerSpec.Kind.CONV2D) {
                convolve(l, params, arch.weightOffset(li), arch.biasOffset(li), h, channels, size, out);
                size = arch.outputSpatial(li);
                channels = l.outChannels();
            } else {
                dense(l, params, arch.weightOffset(li), arch.biasOffset(li), h, out);
            }
            if (l.activated()) {
                activate(out);
            }
            h = out;
        }
        return h;
    }

    private void convolve(LayerSpec l, float[] p, int wo, int bo, float[] in, int inChannels, int s, float[] out) {
        int k = l.kernel();
        int o = s - k + 1;
        int row = o * block;
        int inRow = s * block;
        float[] acc = conv;
        int plane = o * row;
        for (int oc = 0; oc < l.outChannels(); oc++) {
            java.util.Arrays.fill(acc, 0, plane, 0f);
            for (int ic = 0; ic < inChannels; ic++) {
                for (int dy = 0; dy < k; dy++) {
                    int w = wo + ((oc * inChannels + ic) * k + dy) * k;
                    int base = (ic * s + dy) * inRow;
                    int dx = 0;
                    if (k == 5 && simd) {
                        for (int y = 0; y < o; y++) {
                            VectorTaps.taps5(acc, y * row, in, base + y * inRow, block, p, w, row);
                        }
                        dx = 5;
                    }
                    for (; dx + 4 <= k; dx += 4) {
                        for (int y = 0; y < o; y++) {
                            taps4(
                                    acc,
                                    y * row,
                                    in,
                                    base + y * inRow + dx * block,
                                    block,
                                    p[w + dx],
                                    p[w + dx + 1],
                                    p[w + dx + 2],
                                    p[w + dx + 3],
                                    row);
                        }
                    }
                    // Kept apart (duplicates): the 4-, 2- and 1-wide passes call differently unrolled kernels.
                    for (; dx + 2 <= k; dx += 2) {
                        for (int y = 0; y < o; y++) {
                            taps2(
                                    acc,
                                    y * row,
                                    in,
                                    base + y * inRow + dx * block,
                                    block,
                                    p[w + dx],
                                    p[w + dx + 1],
                                    row);
                        }
                    }
                    for (; dx < k; dx++) {
                        for (int y = 0; y < o; y++) {
                            taps1(acc, y * row, in, base + y * inRow + dx * block, p[w + dx], row);
                        }
                    }
                }
            }
            float bias = p[bo + oc];
            if (l.poolAfter()) {
                pool(acc, o, bias, out, oc);
            } else {
                int to = oc * plane;
                for (int j = 0; j < plane; j++) {
                    out[to + j] = acc[j] + bias;
                }
            }
        }
    }

    /** 2x2/2 max-pool of one output channel, plus its bias (max(x)+b = max(x+b)). */
    private void pool(float[] acc, int o, float bias, float[] out, int oc) {
        int q = o / 2;
        int row = o * block;
        for (int y = 0; y < q; y++) {
            for (int x = 0; x < q; x++) {
                int a = (2 * y) * row + (2 * x) * block;
                int c = a + row;
                int to = ((oc * q + y) * q + x) * block;
                if (simd) {
                    VectorTaps.pool(acc, a, a + block, c, c + block, bias, out, to, block);
                    continue;
                }
                for (int b = 0; b < block; b++) {
                    float m = Math.max(
                            Math.max(acc[a + b], acc[a + block + b]), Math.max(acc[c + b], acc[c + block + b]));
                    out[to + b] = m + bias;
                }
            }
        }
    }

    private void dense(LayerSpec l, float[] p, int wo, int bo, float[] in, float[] out) {
        int n = l.inChannels();
        int bl = block;
        for (int oc = 0; oc < l.outChannels(); oc++) {
            int to = oc * bl;
            java.util.Arrays.fill(out, to, to + bl, p[bo + oc]);
            int w = wo + oc * n;
            int i = 0;
            for (; i + 4 <= n; i += 4) {
                taps4(out, to, in, i * bl, bl, p[w + i], p[w + i + 1], p[w + i + 2], p[w + i + 3], bl);
            }
            for (; i < n; i++) {
                taps1(out, to, in, i * bl, p[w + i], bl);
            }
        }
    }

    private void activate(float[] h) {
        switch (activation) {
            case TANH -> {
                if (simd) {
                    VectorTaps.tanh(h);
                    return;
                }
                for (int i = 0; i < h.length; i++) {
                    h[i] = FastTanh.tanh(h[i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < h.length; i++) {
                    h[i] = Math.max(0f, h[i]);
                }
            }
            case GELU -> {
                for (int i = 0; i < h.length; i++) {
                    h[i] = (float) activation.apply(h[i]);
                }
            }
        }
    }

    // The three loops below are the whole cost.

    private void taps4(
            float[] acc, int a, float[] in, int s, int stride, float w0, float w1, float w2, float w3, int len) {
        if (simd) {
            VectorTaps.taps4(acc, a, in, s, stride, w0, w1, w2, w3, len);
            return;
        }
        int s1 = s + stride;
        int s2 = s1 + stride;
        int s3 = s2 + stride;
        for (int j = 0; j < len; j++) {
            acc[a + j] += w0 * in[s + j] + w1 * in[s1 + j] + w2 * in[s2 + j] + w3 * in[s3 + j];
        }
    }

    private void taps2(float[] acc, int a, float[] in, int s, int stride, float w0, float w1, int len) {
        if (simd) {
            VectorTaps.taps2(acc, a, in, s, stride, w0, w1, len);
            return;
        }
        int s1 = s + stride;
        for (int j = 0; j < len; j++) {
            acc[a + j] += w0 * in[s + j] + w1 * in[s1 + j];
        }
    }

    private void taps1(float[] acc, int a, float[] in, int s, float w0, int len) {
        if (simd) {
            VectorTaps.taps1(acc, a, in, s, w0, len);
            return;
        }
        for (int j = 0; j < len; j++) {
            acc[a + j] += w0 * in[s + j];
        }
    }
}
