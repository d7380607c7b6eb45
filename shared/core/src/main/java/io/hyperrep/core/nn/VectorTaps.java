package io.hyperrep.core.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockedCnn}'s inner loops with explicit SIMD (the JDK's incubating Vector API). C2's
 * auto-vectoriser gives up on them: the accumulator and the input are both {@code float[]} at offsets
 * it cannot prove apart, so it stays scalar (4.3 GFLOP/s per core here against 29-43 with vectors).
 * Only loaded when the JVM was started with {@code --add-modules jdk.incubator.vector}
 * ({@link BlockedCnn#VECTORISED}).
 */
final class VectorTaps {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorTaps() {}

    static void taps4(
            float[] acc, int a, float[] in, int s, int stride, float w0, float w1, float w2, float w3, int len) {
        int s1 = s + stride;
        int s2 = s1 + stride;
        int s3 = s2 + stride;
        FloatVector v0 = FloatVector.broadcast(S, w0);
        FloatVector v1 = FloatVector.broadcast(S, w1);
        FloatVector v2 = FloatVector.broadcast(S, w2);
        FloatVector v3 = FloatVector.broadcast(S, w3);
        int j = 0;
        for (int upper = S.loopBound(len); j < upper; j += S.length()) {
            FloatVector v = FloatVector.fromArray(S, acc, a + j);
            v = FloatVector.fromArray(S, in, s + j).fma(v0, v);
            v = FloatVector.fromArray(S, in, s1 + j).fma(v1, v);
            v = FloatVector.fromArray(S, in, s2 + j).fma(v2, v);
            v = FloatVector.fromArray(S, in, s3 + j).fma(v3, v);
            v.intoArray(acc, a + j);
        }
        for (; j < len; j++) {
            acc[a + j] += w0 * in[s + j] + w1 * in[s1 + j] + w2 * in[s2 + j] + w3 * in[s3 + j];
        }
    }

    // Kept apart (duplicates): taps1/2/4/5 are unrolled by hand so each input row is one fma per vector;
    // a loop over taps would keep the sum in memory and cost speed in the CNN's hottest loop.
    static void taps5(float[] acc, int a, float[] in, int s, int stride, float[] w, int wi, int len) {
        int s1 = s + stride;
        int s2 = s1 + stride;
        int s3 = s2 + stride;
        int s4 = s3 + stride;
        FloatVector v0 = FloatVector.broadcast(S, w[wi]);
        FloatVector v1 = FloatVector.broadcast(S, w[wi + 1]);
        FloatVector v2 = FloatVector.broadcast(S, w[wi + 2]);
        FloatVector v3 = FloatVector.broadcast(S, w[wi + 3]);
        FloatVector v4 = FloatVector.broadcast(S, w[wi + 4]);
        int j = 0;
        for (int upper = S.loopBound(len); j < upper; j += S.length()) {
            FloatVector v = FloatVector.fromArray(S, acc, a + j);
            v = FloatVector.fromArray(S, in, s + j).fma(v0, v);
            v = FloatVector.fromArray(S, in, s1 + j).fma(v1, v);
            v = FloatVector.fromArray(S, in, s2 + j).fma(v2, v);
            v = FloatVector.fromArray(S, in, s3 + j).fma(v3, v);
            v = FloatVector.fromArray(S, in, s4 + j).fma(v4, v);
            v.intoArray(acc, a + j);
        }
        for (; j < len; j++) {
            acc[a + j] += w[wi] * in[s + j]
                    + w[wi + 1] * in[s1 + j]
                    + w[wi + 2] * in[s2 + j]
                    + w[wi + 3] * in[s3 + j]
                    + w[wi + 4] * in[s4 + j];
        }
    }

    /** {@code out[to..] = max of the four rows + bias} for {@code len} floats. */
    static void pool(float[] acc, int a, int b, int c, int d, float bias, float[] out, int to, int len) {
        FloatVector vb = FloatVector.broadcast(S, bias);
        int j = 0;
        for (int upper = S.loopBound(len); j < upper; j += S.length()) {
            FloatVector m = FloatVector.fromArray(S, acc, a + j)
                    .max(FloatVector.fromArray(S, acc, b + j))
                    .max(FloatVector.fromArray(S, acc, c + j).max(FloatVector.fromArray(S, acc, d + j)));
            m.add(vb).intoArray(out, to + j);
        }
        for (; j < len; j++) {
            out[to + j] = Math.max(Math.max(acc[a + j], acc[b + j]), Math.max(acc[c + j], acc[d + j])) + bias;
        }
    }

    /** {@link FastTanh} on whole vectors. */
    static void tanh(float[] h) {
        int j = 0;
        for (int upper = S.loopBound(h.length); j < upper; j += S.length()) {
            FloatVector x = FloatVector.fromArray(S, h, j).max(-FastTanh.CLAMP).min(FastTanh.CLAMP);
            FloatVector x2 = x.mul(x);
            FloatVector p = x2.fma(FastTanh.A13, FastTanh.A11);
            p = x2.fma(p, FloatVector.broadcast(S, FastTanh.A9));
            p = x2.fma(p, FloatVector.broadcast(S, FastTanh.A7));
            p = x2.fma(p, FloatVector.broadcast(S, FastTanh.A5));
            p = x2.fma(p, FloatVector.broadcast(S, FastTanh.A3));
            p = x2.fma(p, FloatVector.broadcast(S, FastTanh.A1));
            p = x.mul(p);
            FloatVector q = x2.fma(FastTanh.B6, FastTanh.B4);
            q = x2.fma(q, FloatVector.broadcast(S, FastTanh.B2));
            q = x2.fma(q, FloatVector.broadcast(S, FastTanh.B0));
            p.div(q).intoArray(h, j);
        }
        for (; j < h.length; j++) {
            h[j] = FastTanh.tanh(h[j]);
        }
    }

    static void taps2(float[] acc, int a, float[] in, int s, int stride, float w0, float w1, int len) {
        int s1 = s + stride;
        FloatVector v0 = FloatVector.broadcast(S, w0);
        FloatVector v1 = FloatVector.broadcast(S, w1);
        int j = 0;
        for (int upper = S.loopBound(len); j < upper; j += S.length()) {
            FloatVector v = FloatVector.fromArray(S, acc, a + j);
            v = FloatVector.fromArray(S, in, s + j).fma(v0, v);
            v = FloatVector.fromArray(S, in, s1 + j).fma(v1, v);
            v.intoArray(acc, a + j);
        }
        for (; j < len; j++) {
            acc[a + j] += w0 * in[s + j] + w1 * in[s1 + j];
        }
    }

    static void taps1(float[] acc, int a, float[] in, int s, float w0, int len) {
        FloatVector v0 = FloatVector.broadcast(S, w0);
        int j = 0;
        for (int upper = S.loopBound(len); j < upper; j += S.length()) {
            FloatVector.fromArray(S, in, s + j)
                    .fma(v0, FloatVector.fromArray(S, acc, a + j))
                    .intoArray(acc, a + j);
        }
        for (; j < len; j++) {
            acc[a + j] += w0 * in[s + j];
        }
    }
}
