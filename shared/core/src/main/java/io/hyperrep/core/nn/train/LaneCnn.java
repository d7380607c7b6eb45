package io.hyperrep.core.nn.train;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.LayerSpec;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Forward and backward pass of {@link #LANES} zoo CNNs at once, one model per SIMD lane, one image per
 * model per call.
 *
 * <p>Every array is lane-interleaved: element {@code i} of model {@code lane} is at {@code i * LANES + lane},
 * for parameters (canonical order), gradients and activations ({@code [channel][y][x]}) alike. A kernel
 * tap is then one vector (the tap of every model) multiplied into one vector per output position, and
 * every reduction a model needs (weight gradients over positions, bias gradients, the softmax) is
 * lane-wise: nothing ever crosses lanes. So a model's result is bit-identical whatever lane or group it
 * trains in, and independent of how groups are spread over threads.
 *
 * <p>Arithmetic as PyTorch: conv stride 1, no padding, bias before the 2x2 max-pool, pool before the
 * activation, the pool's gradient to the first maximum of its window (row-major), channel-major flatten,
 * softmax cross-entropy whose gradient is scaled by the caller (1/batch for a batch mean). Not thread-safe:
 * one instance holds the scratch buffers of one thread.
 */
final class LaneCnn {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Models per vector: 16 with AVX-512, 8 with AVX2. */
    static final int LANES = S.length();

    private static final int L = LANES;

    private final Architecture arch;
    private final Activation activation;
    private final int layers;
    private final int[] inSize;
    private final int[] convSize;
    private final int[] outSize;
    /** Post-activation output of each layer, lane-interleaved [channel][y][x]. */
    private final float[][] out;
    /** Loss gradient with respect to {@link #out}. */
    private final float[][] gradOut;
    /** For pooled layers: which of the window's four positions (0..3, row-major) held the maximum. */
    private final float[][] poolIndex;
    /** One pre-pool channel of the forward pass, [y][x]. */
    private final float[] plane;
    /** One pre-pool channel's gradient, rows padded by k-1 zeros on both sides for the input gradient. */
    private final float[] gradPlane;
    /** Conv weights mirrored in x, for the input gradient as a forward-style correlation; rebuilt per step. */
    private final float[][] mirrored;

    private final LaneMath math = new LaneMath();
    private final float[] labels = new float[L];
    private final float[] sums = new float[L];
    private final float[] labelLogits = new float[L];

    LaneCnn(Architecture arch, Activation activation) {
        if (activation != Activation.TANH && activation != Activation.RELU) {
            throw new IllegalArgumentException("the training kernel supports tanh and relu, not " + activation);
        }
        this.arch = arch;
        this.activation = activation;
        this.layers = arch.layers().size();
        inSize = new int[layers];
        convSize = new int[layers];
        outSize = new int[layers];
        out = new float[layers][];
        gradOut = new float[layers][];
        poolIndex = new float[layers][];
        mirrored = new float[layers][];
        int largestPlane = 1;
        int largestGradPlane = 1;
        for (int i = 0; i < layers; i++) {
            LayerSpec l = arch.layers().get(i);
            inSize[i] = arch.inputSpatial(i);
            outSize[i] = arch.outputSpatial(i);
            int n = l.outChannels() * outSize[i] * outSize[i];
            out[i] = new float[n * L];
            gradOut[i] = new float[n * L];
            if (l.kind() == LayerSpec.Kind.CONV2D) {
                int o = inSize[i] - l.kernel() + 1;
                convSize[i] = o;
                largestPlane = Math.max(largestPlane, o * o);
                largestGradPlane = Math.max(largestGradPlane, o * (o + 2 * (l.kernel() - 1)));
                if (l.poolAfter()) {
                    poolIndex[i] = new float[n * L];
                }
                if (i > 0) {
                    mirrored[i] = new float[l.weightCount() * L];
                }
            }
        }
        plane = new float[largestPlane * L];
        gradPlane = new float[largestGradPlane * L];
    }

    /** Per-step preparation that depends on the weights only (they are fixed within a step). */
    void prepare(float[] params) {
        for (int i = 1; i < layers; i++) {
            if (mirrored[i] == null) {
                continue;
            }
            int k = arch.layers().get(i).kernel();
            int wo = arch.weightOffset(i) * L;
            float[] m = mirrored[i];
            for (int row = 0; row < m.length / (k * L); row++) {
                for (int dx = 0; dx < k; dx++) {
                    System.arraycopy(params, wo + (row * k + k - 1 - dx) * L, m, (row * k + dx) * L, L);
                }
            }
        }
    }

    /**
     * One image per model: forward, softmax cross-entropy, backward. Adds {@code scale} times each
     * model's gradient to {@code grads} and its (unscaled) cross-entropy to {@code loss[lane]}.
     *
     * @param input  the images, lane-interleaved [channel][y][x]
     * @param label  each lane's class
     */
    void accumulate(float[] params, float[] grads, float[] input, int[] label, float scale, double[] loss) {
        forward(params, input);
        lossGradient(label, scale, loss);
        backward(params, grads, input);
    }

    // ---------------------------------------------------------------- forward

    void forward(float[] params, float[] input) {
        float[] h = input;
        for (int i = 0; i < layers; i++) {
            LayerSpec l = arch.layers().get(i);
            if (l.kind() == LayerSpec.Kind.CONV2D) {
                convForward(i, l, params, h);
            } else {
                denseForward(l, params, arch.weightOffset(i) * L, arch.biasOffset(i) * L, h, out[i]);
            }
            if (l.activated()) {
                activate(out[i]);
            }
            h = out[i];
        }
    }

    private void convForward(int i, LayerSpec l, float[] p, float[] in) {
        int k = l.kernel();
        int s = inSize[i];
        int o = convSize[i];
        int cin = l.inChannels();
        int wo = arch.weightOffset(i);
        int bo = arch.biasOffset(i);
        float[] dst = out[i];
        for (int oc = 0; oc < l.outChannels(); oc++) {
            FloatVector bias = FloatVector.fromArray(S, p, (bo + oc) * L);
            for (int j = 0; j < o * o; j++) {
                bias.intoArray(plane, j * L);
            }
            for (int ic = 0; ic < cin; ic++) {
                for (int dy = 0; dy < k; dy++) {
                    int w = (wo + ((oc * cin + ic) * k + dy) * k) * L;
                    for (int y = 0; y < o; y++) {
                        rowTaps(plane, y * o * L, in, ((ic * s + y + dy) * s) * L, p, w, k, o);
                    }
                }
            }
            if (l.poolAfter()) {
                pool(o, outSize[i], dst, poolIndex[i], oc);
            } else {
                System.arraycopy(plane, 0, dst, oc * o * o * L, o * o * L);
            }
        }
    }

    /** 2x2/2 max-pool of {@link #plane} into channel {@code oc}; ties go to the first maximum, as PyTorch's. */
    private void pool(int o, int q, float[] dst, float[] index, int oc) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector two = FloatVector.broadcast(S, 2f);
        FloatVector three = FloatVector.broadcast(S, 3f);
        FloatVector zero = FloatVector.zero(S);
        for (int py = 0; py < q; py++) {
            for (int px = 0; px < q; px++) {
                int a = ((2 * py) * o + 2 * px) * L;
                int c = a + o * L;
                FloatVector m = FloatVector.fromArray(S, plane, a);
                FloatVector at = zero;
                FloatVector v = FloatVector.fromArray(S, plane, a + L);
                VectorMask<Float> gt = v.compare(VectorOperators.GT, m);
                m = m.blend(v, gt);
                at = at.blend(one, gt);
                v = FloatVector.fromArray(S, plane, c);
                gt = v.compare(VectorOperators.GT, m);
                m = m.blend(v, gt);
                at = at.blend(two, gt);
                v = FloatVector.fromArray(S, plane, c + L);
                gt = v.compare(VectorOperators.GT, m);
                m = m.blend(v, gt);
                at = at.blend(three, gt);
                int to = ((oc * q + py) * q + px) * L;
                m.intoArray(dst, to);
                at.intoArray(index, to);
            }
        }
    }

    private static void denseForward(LayerSpec l, float[] p, int wo, int bo, float[] in, float[] dst) {
        int n = l.inChannels();
        for (int oc = 0; oc < l.outChannels(); oc++) {
            FloatVector acc = FloatVector.fromArray(S, p, bo + oc * L);
            int w = wo + oc * n * L;
            for (int j = 0; j < n; j++) {
                acc = FloatVector.fromArray(S, in, j * L).fma(FloatVector.fromArray(S, p, w + j * L), acc);
            }
            acc.intoArray(dst, oc * L);
        }
    }

    private void activate(float[] h) {
        if (activation == Activation.TANH) {
            math.tanh(h, 0, h.length);
            return;
        }
        for (int j = 0; j < h.length; j += L) {
            FloatVector.fromArray(S, h, j).max(0f).intoArray(h, j);
        }
    }

    // ---------------------------------------------------------------- loss

    /** Softmax cross-entropy per lane: the logits' gradient (times {@code scale}) into {@code gradOut} of the last layer. */
    private void lossGradient(int[] label, float scale, double[] loss) {
        int classes = arch.classes();
        float[] z = out[layers - 1];
        float[] g = gradOut[layers - 1];
        for (int j = 0; j < L; j++) {
            labels[j] = label[j];
        }
        FloatVector labelVec = FloatVector.fromArray(S, labels, 0);
        FloatVector max = FloatVector.fromArray(S, z, 0);
        for (int c = 1; c < classes; c++) {
            max = max.max(FloatVector.fromArray(S, z, c * L));
        }
        FloatVector picked = FloatVector.zero(S);
        for (int c = 0; c < classes; c++) {
            FloatVector shifted = FloatVector.fromArray(S, z, c * L).sub(max);
            shifted.intoArray(g, c * L);
            picked = picked.blend(shifted, labelVec.compare(VectorOperators.EQ, (float) c));
        }
        math.expOfNonPositive(g, 0, classes * L);
        FloatVector sum = FloatVector.zero(S);
        for (int c = 0; c < classes; c++) {
            sum = sum.add(FloatVector.fromArray(S, g, c * L));
        }
        FloatVector scaleOverSum = FloatVector.broadcast(S, scale).div(sum);
        FloatVector target = FloatVector.zero(S);
        for (int c = 0; c < classes; c++) {
            FloatVector p = FloatVector.fromArray(S, g, c * L).mul(scaleOverSum);
            p.sub(target.blend(scale, labelVec.compare(VectorOperators.EQ, (float) c)))
                    .intoArray(g, c * L);
        }
        sum.intoArray(sums, 0);
        picked.intoArray(labelLogits, 0);
        for (int j = 0; j < L; j++) {
            loss[j] += StrictMath.log(sums[j]) - labelLogits[j];
        }
    }

    // ---------------------------------------------------------------- backward

    private void backward(float[] p, float[] grads, float[] input) {
        for (int i = layers - 1; i >= 0; i--) {
            LayerSpec l = arch.layers().get(i);
            float[] in = i == 0 ? input : out[i - 1];
            if (l.activated()) {
                activationGradient(out[i], gradOut[i]);
            }
            if (i > 0) {
                Arrays.fill(gradOut[i - 1], 0f);
            }
            if (l.kind() == LayerSpec.Kind.CONV2D) {
                convBackward(i, l, grads, in);
            } else {
                denseBackward(
                        l,
                        p,
                        grads,
                        arch.weightOffset(i) * L,
                        arch.biasOffset(i) * L,
                        in,
                        gradOut[i],
                        i > 0 ? gradOut[i - 1] : null);
            }
        }
    }

    /** gradOut := gradOut * act'(out), in place: the gradient before the activation. */
    private void activationGradient(float[] h, float[] g) {
        for (int j = 0; j < h.length; j += L) {
            FloatVector y = FloatVector.fromArray(S, h, j);
            FloatVector d = FloatVector.fromArray(S, g, j);
            if (activation == Activation.TANH) {
                d = d.mul(y.mul(y).neg().add(1f));
            } else {
                d = d.blend(0f, y.compare(VectorOperators.LE, 0f));
            }
            d.intoArray(g, j);
        }
    }

    private static void denseBackward(
            LayerSpec l, float[] p, float[] grads, int wo, int bo, float[] in, float[] g, float[] gin) {
        int n = l.inChannels();
        for (int oc = 0; oc < l.outChannels(); oc++) {
            FloatVector gv = FloatVector.fromArray(S, g, oc * L);
            FloatVector.fromArray(S, grads, bo + oc * L).add(gv).intoArray(grads, bo + oc * L);
            int w = wo + oc * n * L;
            for (int j = 0; j < n; j++) {
                int wi = w + j * L;
                FloatVector.fromArray(S, in, j * L)
                        .fma(gv, FloatVector.fromArray(S, grads, wi))
                        .intoArray(grads, wi);
                if (gin != null) {
                    FloatVector.fromArray(S, p, wi)
                            .fma(gv, FloatVector.fromArray(S, gin, j * L))
                            .intoArray(gin, j * L);
                }
            }
        }
    }

    private void convBackward(int i, LayerSpec l, float[] grads, float[] in) {
        int k = l.kernel();
        int s = inSize[i];
        int o = convSize[i];
        int q = outSize[i];
        int cin = l.inChannels();
        int wo = arch.weightOffset(i);
        int bo = arch.biasOffset(i);
        int pad = k - 1;
        int row = o + 2 * pad;
        float[] g = gradOut[i];
        float[] gin = i > 0 ? gradOut[i - 1] : null;
        Arrays.fill(gradPlane, 0, o * row * L, 0f);
        for (int oc = 0; oc < l.outChannels(); oc++) {
            int biasAt = (bo + oc) * L;
            if (l.poolAfter()) {
                unpool(g, poolIndex[i], oc, q, row, pad, grads, biasAt);
            } else {
                for (int y = 0; y < o; y++) {
                    // sums carried per row only: C2 (JDK 17) boxes vectors carried around an outer loop
                    FloatVector biasGrad = FloatVector.fromArray(S, grads, biasAt);
                    for (int x = 0; x < o; x++) {
                        FloatVector v = FloatVector.fromArray(S, g, ((oc * o + y) * o + x) * L);
                        v.intoArray(gradPlane, (y * row + pad + x) * L);
                        biasGrad = biasGrad.add(v);
                    }
                    biasGrad.intoArray(grads, biasAt);
                }
            }
            for (int ic = 0; ic < cin; ic++) {
                for (int dy = 0; dy < k; dy++) {
                    int w = (wo + ((oc * cin + ic) * k + dy) * k) * L;
                    weightGradient(gradPlane, pad * L, row * L, in, ((ic * s + dy) * s) * L, s * L, grads, w, k, o);
                    if (gin != null) {
                        float[] mw = mirrored[i];
                        int mwo = (((oc * cin + ic) * k + dy) * k) * L;
                        for (int y = 0; y < o; y++) {
                            rowTaps(gin, ((ic * s + y + dy) * s) * L, gradPlane, y * row * L, mw, mwo, k, s);
                        }
                    }
                }
            }
        }
    }

    /**
     * Routes channel {@code oc}'s pooled gradient to the positions of the maxima in {@link #gradPlane}
     * (zero elsewhere, including a last row/column the pool dropped) and adds its sum to the bias gradient.
     */
    private void unpool(float[] g, float[] index, int oc, int q, int row, int pad, float[] grads, int biasAt) {
        FloatVector zero = FloatVector.zero(S);
        for (int py = 0; py < q; py++) {
            FloatVector biasGrad = FloatVector.fromArray(S, grads, biasAt);
            for (int px = 0; px < q; px++) {
                int from = ((oc * q + py) * q + px) * L;
                FloatVector v = FloatVector.fromArray(S, g, from);
                FloatVector at = FloatVector.fromArray(S, index, from);
                int a = ((2 * py) * row + pad + 2 * px) * L;
                int c = a + row * L;
                zero.blend(v, at.compare(VectorOperators.EQ, 0f)).intoArray(gradPlane, a);
                zero.blend(v, at.compare(VectorOperators.EQ, 1f)).intoArray(gradPlane, a + L);
                zero.blend(v, at.compare(VectorOperators.EQ, 2f)).intoArray(gradPlane, c);
                zero.blend(v, at.compare(VectorOperators.EQ, 3f)).intoArray(gradPlane, c + L);
                biasGrad = biasGrad.add(v);
            }
            biasGrad.intoArray(grads, biasAt);
        }
    }

    // ---------------------------------------------------------------- the inner loops (the whole cost)

    /**
     * {@code acc[x] += sum_dx w[dx] * in[x + dx]} for {@code x < len}: one kernel row applied along one
     * output row, every element a vector of {@link #LANES} models. Four outputs at a time stay in registers.
     */
    static void rowTaps(float[] acc, int a, float[] in, int s, float[] w, int wi, int k, int len) {
        if (k == 5) {
            rowTaps5(acc, a, in, s, w, wi, len);
            return;
        }
        int x = 0;
        for (; x + 4 <= len; x += 4) {
            int ax = a + x * L;
            int sx = s + x * L;
            FloatVector a0 = FloatVector.fromArray(S, acc, ax);
            FloatVector a1 = FloatVector.fromArray(S, acc, ax + L);
            FloatVector a2 = FloatVector.fromArray(S, acc, ax + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, acc, ax + 3 * L);
            for (int dx = 0; dx < k; dx++) {
                FloatVector wv = FloatVector.fromArray(S, w, wi + dx * L);
                int sd = sx + dx * L;
                a0 = FloatVector.fromArray(S, in, sd).fma(wv, a0);
                a1 = FloatVector.fromArray(S, in, sd + L).fma(wv, a1);
                a2 = FloatVector.fromArray(S, in, sd + 2 * L).fma(wv, a2);
                a3 = FloatVector.fromArray(S, in, sd + 3 * L).fma(wv, a3);
            }
            a0.intoArray(acc, ax);
            a1.intoArray(acc, ax + L);
            a2.intoArray(acc, ax + 2 * L);
            a3.intoArray(acc, ax + 3 * L);
        }
        for (; x < len; x++) {
            int ax = a + x * L;
            FloatVector a0 = FloatVector.fromArray(S, acc, ax);
            for (int dx = 0; dx < k; dx++) {
                a0 = FloatVector.fromArray(S, in, s + (x + dx) * L).fma(FloatVector.fromArray(S, w, wi + dx * L), a0);
            }
            a0.intoArray(acc, ax);
        }
    }

    // Kept apart (duplicates): hand-unrolled SIMD kernels (rowTaps/rowTaps5, weightGradient/weightGradient5);
    // the repetition keeps accumulators in registers, which a shared loop over taps would give up.
    /** {@link #rowTaps} for 5-wide kernels: the eight inputs four outputs need are loaded once. */
    private static void rowTaps5(float[] acc, int a, float[] in, int s, float[] w, int wi, int len) {
        FloatVector w0 = FloatVector.fromArray(S, w, wi);
        FloatVector w1 = FloatVector.fromArray(S, w, wi + L);
        FloatVector w2 = FloatVector.fromArray(S, w, wi + 2 * L);
        FloatVector w3 = FloatVector.fromArray(S, w, wi + 3 * L);
        FloatVector w4 = FloatVector.fromArray(S, w, wi + 4 * L);
        int x = 0;
        for (; x + 4 <= len; x += 4) {
            int ax = a + x * L;
            int sx = s + x * L;
            FloatVector i0 = FloatVector.fromArray(S, in, sx);
            FloatVector i1 = FloatVector.fromArray(S, in, sx + L);
            FloatVector i2 = FloatVector.fromArray(S, in, sx + 2 * L);
            FloatVector i3 = FloatVector.fromArray(S, in, sx + 3 * L);
            FloatVector i4 = FloatVector.fromArray(S, in, sx + 4 * L);
            FloatVector i5 = FloatVector.fromArray(S, in, sx + 5 * L);
            FloatVector i6 = FloatVector.fromArray(S, in, sx + 6 * L);
            FloatVector i7 = FloatVector.fromArray(S, in, sx + 7 * L);
            FloatVector a0 = FloatVector.fromArray(S, acc, ax);
            FloatVector a1 = FloatVector.fromArray(S, acc, ax + L);
            FloatVector a2 = FloatVector.fromArray(S, acc, ax + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, acc, ax + 3 * L);
            a0 = i0.fma(w0, a0);
            a1 = i1.fma(w0, a1);
            a2 = i2.fma(w0, a2);
            a3 = i3.fma(w0, a3);
            a0 = i1.fma(w1, a0);
            a1 = i2.fma(w1, a1);
            a2 = i3.fma(w1, a2);
            a3 = i4.fma(w1, a3);
            a0 = i2.fma(w2, a0);
            a1 = i3.fma(w2, a1);
            a2 = i4.fma(w2, a2);
            a3 = i5.fma(w2, a3);
            a0 = i3.fma(w3, a0);
            a1 = i4.fma(w3, a1);
            a2 = i5.fma(w3, a2);
            a3 = i6.fma(w3, a3);
            a0 = i4.fma(w4, a0);
            a1 = i5.fma(w4, a1);
            a2 = i6.fma(w4, a2);
            a3 = i7.fma(w4, a3);
            a0.intoArray(acc, ax);
            a1.intoArray(acc, ax + L);
            a2.intoArray(acc, ax + 2 * L);
            a3.intoArray(acc, ax + 3 * L);
        }
        for (; x < len; x++) {
            int ax = a + x * L;
            int sx = s + x * L;
            FloatVector a0 = FloatVector.fromArray(S, acc, ax);
            a0 = FloatVector.fromArray(S, in, sx).fma(w0, a0);
            a0 = FloatVector.fromArray(S, in, sx + L).fma(w1, a0);
            a0 = FloatVector.fromArray(S, in, sx + 2 * L).fma(w2, a0);
            a0 = FloatVector.fromArray(S, in, sx + 3 * L).fma(w3, a0);
            a0 = FloatVector.fromArray(S, in, sx + 4 * L).fma(w4, a0);
            a0.intoArray(acc, ax);
        }
    }

    /**
     * {@code dw[dx] += sum_{y,x} g[y][x] * in[y][x + dx]} over an o x o gradient plane (rows {@code gRow}
     * apart, starting at {@code g0}) and the input rows {@code in0 + y * inRow}: one kernel row's weight
     * gradient. The k sums stay in registers over the whole plane.
     */
    static void weightGradient(
            float[] g, int g0, int gRow, float[] in, int in0, int inRow, float[] dw, int wi, int k, int o) {
        if (k == 5) {
            weightGradient5(g, g0, gRow, in, in0, inRow, dw, wi, o);
            return;
        }
        // Vector sums live for one row only: C2 (JDK 17) boxes vectors carried around an outer loop, 10-20x slower.
        for (int dx = 0; dx < k; dx++) {
            int at = wi + dx * L;
            for (int y = 0; y < o; y++) {
                int gy = g0 + y * gRow;
                int iy = in0 + y * inRow + dx * L;
                // four partial sums keep four FMAs in flight; fixed order, so still deterministic
                FloatVector s0 = FloatVector.fromArray(S, dw, at);
                FloatVector s1 = FloatVector.zero(S);
                FloatVector s2 = FloatVector.zero(S);
                FloatVector s3 = FloatVector.zero(S);
                int x = 0;
                for (; x + 4 <= o; x += 4) {
                    int gx = gy + x * L;
                    int ix = iy + x * L;
                    s0 = FloatVector.fromArray(S, in, ix).fma(FloatVector.fromArray(S, g, gx), s0);
                    s1 = FloatVector.fromArray(S, in, ix + L).fma(FloatVector.fromArray(S, g, gx + L), s1);
                    s2 = FloatVector.fromArray(S, in, ix + 2 * L).fma(FloatVector.fromArray(S, g, gx + 2 * L), s2);
                    s3 = FloatVector.fromArray(S, in, ix + 3 * L).fma(FloatVector.fromArray(S, g, gx + 3 * L), s3);
                }
                for (; x < o; x++) {
                    s0 = FloatVector.fromArray(S, in, iy + x * L).fma(FloatVector.fromArray(S, g, gy + x * L), s0);
                }
                s0.add(s1).add(s2.add(s3)).intoArray(dw, at);
            }
        }
    }

    // Kept apart (duplicates): unrolled like rowTaps5, for the same reason (five sums held in registers).
    /** {@link #weightGradient} for 5-wide kernels: each gradient element is loaded once for all five taps. */
    private static void weightGradient5(
            float[] g, int g0, int gRow, float[] in, int in0, int inRow, float[] dw, int wi, int o) {
        for (int y = 0; y < o; y++) {
            int gy = g0 + y * gRow;
            int iy = in0 + y * inRow;
            FloatVector s0 = FloatVector.fromArray(S, dw, wi);
            FloatVector s1 = FloatVector.fromArray(S, dw, wi + L);
            FloatVector s2 = FloatVector.fromArray(S, dw, wi + 2 * L);
            FloatVector s3 = FloatVector.fromArray(S, dw, wi + 3 * L);
            FloatVector s4 = FloatVector.fromArray(S, dw, wi + 4 * L);
            for (int x = 0; x < o; x++) {
                FloatVector gv = FloatVector.fromArray(S, g, gy + x * L);
                int ix = iy + x * L;
                s0 = FloatVector.fromArray(S, in, ix).fma(gv, s0);
                s1 = FloatVector.fromArray(S, in, ix + L).fma(gv, s1);
                s2 = FloatVector.fromArray(S, in, ix + 2 * L).fma(gv, s2);
                s3 = FloatVector.fromArray(S, in, ix + 3 * L).fma(gv, s3);
                s4 = FloatVector.fromArray(S, in, ix + 4 * L).fma(gv, s4);
            }
            s0.intoArray(dw, wi);
            s1.intoArray(dw, wi + L);
            s2.intoArray(dw, wi + 2 * L);
            s3.intoArray(dw, wi + 3 * L);
            s4.intoArray(dw, wi + 4 * L);
        }
    }
}
