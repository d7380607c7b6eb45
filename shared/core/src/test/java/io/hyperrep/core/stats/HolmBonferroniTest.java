package io.hyperrep.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HolmBonferroniTest {

    @Test
    void shouldAdjustAsRsPAdjustHolm() {
        // sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04 -> running maximum 0.02, 0.03, 0.06,
        // 0.06
        assertArrayEquals(
                new double[] {0.03, 0.06, 0.06, 0.02},
                HolmBonferroni.adjust(new double[] {0.01, 0.04, 0.03, 0.005}),
                1e-12);
        // p.adjust(c(0.2, 0.5, 0.01), "holm") = 0.4, 0.5, 0.03; capped at 1: c(0.6, 0.7) -> 1, 1
        assertArrayEquals(new double[] {0.4, 0.5, 0.03}, HolmBonferroni.adjust(new double[] {0.2, 0.5, 0.01}), 1e-12);
        assertArrayEquals(new double[] {1, 1}, HolmBonferroni.adjust(new double[] {0.6, 0.7}), 1e-12);
        assertArrayEquals(
                new double[] {0.3}, HolmBonferroni.adjust(new double[] {0.3}), 0, "a family of one is not adjusted");
        assertArrayEquals(new double[0], HolmBonferroni.adjust(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> HolmBonferroni.adjust(new double[] {0.1, Double.NaN}));
    }
}
