package io.hyperrep.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Against R's {@code wilcox.test(x, y, conf.int = TRUE, exact = FALSE)} worked by hand: the interval is
 * [D(k), D(N+1−k)] of the sorted pairwise differences with k = ceil(N/2 − 1/2 − z(0.975)·σ).
 */
class HodgesLehmannTest {

    @Test
    void shouldGiveTheMedianPairwiseDifferenceAndTheInvertedMannWhitneyInterval() {
        // 25 differences: -4 -1 2 3 4 5 7 7 7 9 9 10 11 12 12 13 14 15 16 18 18 20 20 23 25; median D(13) = 11.
        // sigma = sqrt(25/12 * 11) = 4.7871, z sigma = 9.3826, k = ceil(12.5 - 0.5 - 9.3826) = 3: [D(3), D(23)] = [2,
        // 20].
        double[] x = {10, 13, 17, 21, 26};
        double[] y = {1, 3, 6, 8, 14};
        HodgesLehmann hl = HodgesLehmann.of(x, y, 0.95);
        assertEquals(11, hl.shift(), 0);
        assertEquals(2, hl.low(), 0);
        assertEquals(20, hl.high(), 0);
        assertTrue(hl.excludesZero());
        assertTrue(
                MannWhitneyU.test(x, y).pValue() < 0.05, "the test rejects where the interval excludes 0 (p = 0.0367)");

        HodgesLehmann swapped = HodgesLehmann.of(y, x, 0.95);
        assertEquals(-11, swapped.shift(), 0);
        assertEquals(-20, swapped.low(), 0);
        assertEquals(-2, swapped.high(), 0);
    }

    @Test
    void shouldCorrectForTiesWithinTheSamples() {
        // 20 differences: -1 0 0 0 0 1 1 1 1 1 1 2 2 2 2 3 3 4 4 5; median (D(10) + D(11)) / 2 = 1.
        // ties 2,2 in x and 1,1 in y: sigma = sqrt(20/12 * (10 - 12/72)) = 4.0483, z sigma = 7.9345, k = 2: [D(2),
        // D(19)] = [0, 4].
        HodgesLehmann hl = HodgesLehmann.of(new double[] {1, 2, 2, 3, 5}, new double[] {0, 1, 1, 2}, 0.95);
        assertEquals(1, hl.shift(), 0);
        assertEquals(0, hl.low(), 0);
        assertEquals(4, hl.high(), 0);
        assertFalse(hl.excludesZero());
        assertTrue(
                MannWhitneyU.test(new double[] {1, 2, 2, 3, 5}, new double[] {0, 1, 1, 2})
                                .pValue()
                        > 0.05,
                "p = 0.0993");
    }

    @Test
    void shouldWidenToTheExtremeDifferencesWhenTheSamplesAreTooSmall() {
        // N = 4: k = ceil(2 - 0.5 - 2.53) < 1, so the interval is all differences, [-3, -1] (2 + 2 values cannot reach
        // 95%).
        HodgesLehmann hl = HodgesLehmann.of(new double[] {1, 2}, new double[] {3, 4}, 0.95);
        assertEquals(-2, hl.shift(), 0);
        assertEquals(-3, hl.low(), 0);
        assertEquals(-1, hl.high(), 0);
        HodgesLehmann one = HodgesLehmann.of(new double[] {0.7}, new double[] {0.5}, 0.95);
        assertEquals(0.2, one.shift(), 1e-12);
        assertEquals(one.low(), one.high(), 0);
        assertThrows(IllegalArgumentException.class, () -> HodgesLehmann.of(new double[0], new double[] {1}, 0.95));
        assertThrows(IllegalArgumentException.class, () -> HodgesLehmann.of(new double[] {1}, new double[] {1}, 1));
    }
}
