package io.hyperrep.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FastTanhTest {

    @Test
    void shouldMatchMathTanhWithinAFewFloatUlpsOverTheWholeLine() {
        double worst = 0;
        for (int i = -400_000; i <= 400_000; i++) {
            float x = i * 5e-5f;
            worst = Math.max(worst, Math.abs(FastTanh.tanh(x) - Math.tanh(x)));
        }
        assertTrue(worst < 5e-7, "max abs error on [-20, 20] was " + worst);
    }

    @Test
    void shouldBeOddExactAtZeroAndSaturateToOne() {
        assertEquals(0f, FastTanh.tanh(0f));
        assertEquals(-FastTanh.tanh(0.731f), FastTanh.tanh(-0.731f));
        assertEquals(1f, FastTanh.tanh(50f), 1e-6f);
        assertEquals(-1f, FastTanh.tanh(-1e30f), 1e-6f);
        assertTrue(Float.isNaN(FastTanh.tanh(Float.NaN)), "NaN weights must stay visible, not become +-1");
    }
}
