package io.hyperrep.core.nn.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * tanh and exp on whole vectors, built from nothing but IEEE-exact operations (add, multiply, fused
 * multiply-add, divide, compare, select). Why not {@code VectorOperators.TANH} or {@link Math#tanh}: both
 * are intrinsics whose results may differ in the last bit between the interpreter, C1 and C2, so a
 * training run would depend on when the JIT compiled what, and with it on the thread count. These
 * give the same bits in every tier. Why not {@code FastTanh}: ~6 ulp is fine for evaluating a model,
 * but its error relative to {@code 1 - tanh²} (the gradient) reaches 50% on saturated units; these are
 * within 1.35 ulp of the exact tanh and 1 ulp of exp (checked by the tests), as good as the float
 * {@code tanhf}/{@code expf} PyTorch and ND4J call.
 */
final class LaneMath {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Below this |x| tanh is an odd Taylor polynomial of degree 17, above it {@code 1 - 2/(e^2|x| + 1)}. */
    static final float SERIES_LIMIT = 0.625f;
    /** tanh(|x|) rounds to 1 in float above ~9.01; clamping keeps e^2|x| below 2^27. */
    private static final float TANH_CLAMP = 9.1f;
    /** e^x underflows below this; softmax arguments are clamped to it. */
    static final float EXP_FLOOR = -87f;

    // Taylor coefficients of tanh(x)/x - 1 in powers of x^2 (Bernoulli numbers); eight suffice below 0.625.
    private static final float T1 = (float) (-1.0 / 3);
    private static final float T2 = (float) (2.0 / 15);
    private static final float T3 = (float) (-17.0 / 315);
    private static final float T4 = (float) (62.0 / 2835);
    private static final float T5 = (float) (-1382.0 / 155925);
    private static final float T6 = (float) (21844.0 / 6081075);
    private static final float T7 = (float) (-929569.0 / 638512875);
    private static final float T8 = (float) (6404582.0 / 10854718875.0);

    private static final float LOG2E = 1.44269504f;
    /** ln 2 split so that k * LN2_HI is exact for |k| < 2^11 (Cody-Waite). */
    private static final float LN2_HI = 0.693359375f;

    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding and subtracting it rounds a float to the nearest integer. */
    private static final float ROUNDER = 12582912f;

    /** Vectors per pass: the scratch of one chunk stays in L1. */
    private static final int CHUNK = 64;

    private final float[] series = new float[CHUNK * S.length()];
    private final float[] power = new float[CHUNK * S.length()];
    private final float[] exponent = new float[CHUNK * S.length()];

    /*
     * Why several short passes over a small scratch instead of one loop: C2 (JDK 17) compiles a Vector API
     * call to SIMD only where it knows the vector's concrete class, i.e. on vectors made from the constant
     * species in the same compiled method. A helper taking FloatVector arguments that is not inlined, or a
     * loop body past the inlining budget (every vector op inlines ~100 bytes of the API), runs as Java loops,
     * 10-50x slower. Each pass below is small enough to be compiled whole.
     */

    /** tanh of {@code h[from..to)} in place ({@code to - from} a multiple of the vector length). */
    void tanh(float[] h, int from, int to) {
        int chunk = CHUNK * S.length();
        for (int start = from; start < to; start += chunk) {
            int n = Math.min(chunk, to - start);
            tanhSeriesAndArgument(h, start, n);
            expReduced(power, n, 0f, 2 * TANH_CLAMP);
            scaleUpBelow32(n);
            tanhCombine(h, start, n);
        }
    }

    /** e^x of {@code v[from..to)} in place, for x in [{@link #EXP_FLOOR}, 0] (arguments outside are clamped). */
    void expOfNonPositive(float[] v, int from, int to) {
        int chunk = CHUNK * S.length();
        for (int start = from; start < to; start += chunk) {
            int n = Math.min(chunk, to - start);
            System.arraycopy(v, start, power, 0, n);
            expReduced(power, n, EXP_FLOOR, 0f);
            scaleDownHigh(n);
            scaleDownLow(n);
            System.arraycopy(power, 0, v, start, n);
        }
    }

    /** series := the odd Taylor polynomial of tanh; power := 2 min(|x|, clamp), the argument of the exponential. */
    private void tanhSeriesAndArgument(float[] h, int start, int n) {
        for (int j = 0; j < n; j += S.length()) {
            FloatVector x = FloatVector.fromArray(S, h, start + j);
            FloatVector x2 = x.mul(x);
            FloatVector p = x2.fma(T8, T7);
            p = p.fma(x2, FloatVector.broadcast(S, T6));
            p = p.fma(x2, FloatVector.broadcast(S, T5));
            p = p.fma(x2, FloatVector.broadcast(S, T4));
            p = p.fma(x2, FloatVector.broadcast(S, T3));
            p = p.fma(x2, FloatVector.broadcast(S, T2));
            p = p.fma(x2, FloatVector.broadcast(S, T1));
            x.mul(x2).fma(p, x).intoArray(series, j);
            x.abs().min(TANH_CLAMP).mul(2f).intoArray(power, j);
        }
    }

    /** h := the series below {@link #SERIES_LIMIT}, else ±(1 - 2/(e^2|x| + 1)); NaN stays NaN through both. */
    private void tanhCombine(float[] h, int start, int n) {
        FloatVector two = FloatVector.broadcast(S, 2f);
        for (int j = 0; j < n; j += S.length()) {
            FloatVector x = FloatVector.fromArray(S, h, start + j);
            FloatVector far =
                    two.div(FloatVector.fromArray(S, power, j).add(1f)).neg().add(1f);
            far = far.blend(far.neg(), x.compare(VectorOperators.LT, 0f));
            far.blend(FloatVector.fromArray(S, series, j), x.abs().compare(VectorOperators.LT, SERIES_LIMIT))
                    .intoArray(h, start + j);
        }
    }

    /** v := e^r with r = x - k ln 2 in [-ln2/2, ln2/2] (Cody-Waite, degree-7 Taylor: within 1 ulp); exponent := k. */
    private void expReduced(float[] v, int n, float floor, float ceiling) {
        for (int j = 0; j < n; j += S.length()) {
            FloatVector x = FloatVector.fromArray(S, v, j).max(floor).min(ceiling);
            FloatVector k = x.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUNDER))
                    .sub(ROUNDER);
            FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), x);
            r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
            FloatVector p = r.fma(1f / 5040, 1f / 720);
            p = p.fma(r, FloatVector.broadcast(S, 1f / 120));
            p = p.fma(r, FloatVector.broadcast(S, 1f / 24));
            p = p.fma(r, FloatVector.broadcast(S, 1f / 6));
            p = p.fma(r, FloatVector.broadcast(S, 0.5f));
            p = p.fma(r, FloatVector.broadcast(S, 1f));
            p.fma(r, FloatVector.broadcast(S, 1f)).intoArray(v, j);
            k.intoArray(exponent, j);
        }
    }

    /*
     * 2^k for integer-valued k as the product of 2^(±2^i) over the binary digits of |k|: every factor a
     * power of two, so every multiply is exact (bit-identical to adding k to the exponent bits). Digits
     * come from min/max and factors from a fused multiply-add, not from float-to-int conversions, shifts
     * or selects, which JDK 17's C2 leaves as Java loops here. A digit is 1 where the remaining k >= 2^i.
     */

    /** power *= 2^k for k in [0, 31] (tanh: e^2|x| with |x| <= 9.1). */
    private void scaleUpBelow32(int n) {
        for (int j = 0; j < n; j += S.length()) {
            FloatVector m = FloatVector.fromArray(S, exponent, j);
            FloatVector s = FloatVector.fromArray(S, power, j);
            FloatVector b = m.sub(15f).max(0f).min(1f);
            s = s.mul(b.fma(FloatVector.broadcast(S, 0x1p16f), b.neg().add(1f)));
            m = m.sub(b.mul(16f));
            b = m.sub(7f).max(0f).min(1f);
            s = s.mul(b.fma(FloatVector.broadcast(S, 0x1p8f), b.neg().add(1f)));
            m = m.sub(b.mul(8f));
            b = m.sub(3f).max(0f).min(1f);
            s = s.mul(b.fma(FloatVector.broadcast(S, 0x1p4f), b.neg().add(1f)));
            m = m.sub(b.mul(4f));
            b = m.sub(1f).max(0f).min(1f);
            s = s.mul(b.fma(FloatVector.broadcast(S, 0x1p2f), b.neg().add(1f)));
            m = m.sub(b.mul(2f));
            s.mul(m.fma(FloatVector.broadcast(S, 2f), m.neg().add(1f))).intoArray(power, j);
        }
    }

    /** power *= 2^-(64, 32, 16 digits of -k), exponent := the remaining -k in [0, 15]; for k in [-127, 0]. */
    private void scaleDownHigh(int n) {
        for (int j = 0; j < n; j += S.length()) {
            FloatVector m = FloatVector.fromArray(S, exponent, j).neg();
            FloatVector s = FloatVector.fromArray(S, power, j);
            FloatVector b = m.sub(63f).max(0f).min(1f);
            s = s.mul(b.fma(FloatVector.broadcast(S, 0x1p-64f), b.neg().add(1f)));
            m = m.sub(b.mul(64f));
            b = m.sub(31f).max(0f).min(1f);
            s = s.mul(b.fma(FloatVector.broadcast(S, 0x1p-32f), b.neg().add(1f)));
            m = m.sub(b.mul(32f));
            b = m.sub(15f).max(0f).min(1f);
            s.mul(b.fma(FloatVector.broadcast(S, 0x1p-16f), b.neg().add(1f))).intoArray(power, j);
            m.sub(b.mul(16f)).intoArray(exponent, j);
        }
    }

    // Kept apart (duplicates): scaleDownHigh/Low are branch-free vector steps with different constants, written
    // out so each stays one straight-line loop over the lanes (the exp of the training kernel).
    /** power *= 2^-m for the remaining m in [0, 15] of {@link #scaleDownHigh}. */
    private void scaleDownLow(int n) {
        for (int j = 0; j < n; j += S.length()) {
            FloatVector m = FloatVector.fromArray(S, exponent, j);
            FloatVector s = FloatVector.fromArray(S, power, j);
            FloatVector b = m.sub(7f).max(0f).min(1f);
            s = s.mul(b.fma(FloatVector.broadcast(S, 0x1p-8f), b.neg().add(1f)));
            m = m.sub(b.mul(8f));
            b = m.sub(3f).max(0f).min(1f);
            s = s.mul(b.fma(FloatVector.broadcast(S, 0x1p-4f), b.neg().add(1f)));
            m = m.sub(b.mul(4f));
            b = m.sub(1f).max(0f).min(1f);
            s = s.mul(b.fma(FloatVector.broadcast(S, 0x1p-2f), b.neg().add(1f)));
            m = m.sub(b.mul(2f));
            s.mul(m.fma(FloatVector.broadcast(S, 0.5f), m.neg().add(1f))).intoArray(power, j);
        }
    }
}
