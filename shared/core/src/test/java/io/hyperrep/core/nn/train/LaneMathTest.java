package io.hyperrep.core.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The kernel's tanh and exp against {@link Math}'s double-precision results, in float ulps. */
class LaneMathTest {

    private final LaneMath math = new LaneMath();

    @Test
    void tanhShouldBeWithinOneAndAHalfUlpsOverTheWholeLine() {
        float[] x = grid(-12f, 12f, 1 << 20);
        float[] y = x.clone();
        math.tanh(y, 0, y.length);
        double worst = worstUlps(x, y, Math::tanh);
        assertTrue(worst <= 1.5, "worst tanh error " + worst + " ulp");
    }

    @Test
    void tanhShouldBeOddSaturateAndKeepNaN() {
        float[] v = pad(0f, -0f, 0.3f, -0.3f, 0.7f, -0.7f, 9f, -9f, 50f, -1e30f, Float.NaN, Float.POSITIVE_INFINITY);
        math.tanh(v, 0, v.length);
        assertEquals(0f, v[0]);
        assertEquals(-v[2], v[3]);
        assertEquals(-v[4], v[5]);
        assertEquals(-v[6], v[7]);
        assertEquals(1f, v[8]);
        assertEquals(-1f, v[9]);
        assertTrue(Float.isNaN(v[10]), "NaN weights must stay visible");
        assertEquals(1f, v[11]);
    }

    @Test
    void expShouldBeWithinOneUlpForEveryNonPositiveArgumentDownToTheFloor() {
        float[] x = grid(LaneMath.EXP_FLOOR, 0f, 1 << 20);
        float[] y = x.clone();
        math.expOfNonPositive(y, 0, y.length);
        double worst = worstUlps(x, y, Math::exp);
        assertTrue(worst <= 1.0, "worst exp error " + worst + " ulp");
        float[] one = pad(0f, -200f);
        math.expOfNonPositive(one, 0, one.length);
        assertEquals(1f, one[0]);
        assertEquals(
                (float) Math.exp(LaneMath.EXP_FLOOR),
                one[1],
                Math.ulp((float) Math.exp(LaneMath.EXP_FLOOR)),
                "clamped to the floor");
    }

    /** The largest error of {@code y} against {@code exact} of {@code x}, in float ulps of the exact value. */
    private static double worstUlps(float[] x, float[] y, DoubleUnaryOperator exact) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double e = exact.applyAsDouble(x[i]);
            worst = Math.max(worst, Math.abs(y[i] - e) / Math.ulp((float) e));
        }
        return worst;
    }

    private static float[] grid(float from, float to, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = from + (to - from) * i / (n - 1);
        }
        return x;
    }

    /** The values followed by zeros up to a whole number of vectors. */
    private static float[] pad(float... values) {
        int lanes = LaneTrainer.lanes();
        float[] v = new float[(values.length + lanes - 1) / lanes * lanes];
        System.arraycopy(values, 0, v, 0, values.length);
        return v;
    }
}
