package io.hyperrep.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reference values from scipy 1.17.1, {@code mannwhitneyu(x, y, method="asymptotic")} (two-sided, continuity). */
class MannWhitneyUTest {

    @Test
    void shouldMatchScipyWithoutTies() {
        MannWhitneyU r = MannWhitneyU.test(new double[] {19, 22, 16, 29, 24}, new double[] {20, 11, 17, 12});
        assertEquals(17.0, r.u1());
        assertEquals(3.0, r.u2());
        assertEquals(0.11134688653314041, r.pValue(), 1e-13);
        assertEquals(17.0 / 20, r.commonLanguage(), 1e-15);
        assertEquals(0.7, r.rankBiserial(), 1e-15);
    }

    @Test
    void shouldApplyTieCorrectionLikeScipy() {
        MannWhitneyU r = MannWhitneyU.test(
                new double[] {0.80, 0.81, 0.81, 0.83, 0.85, 0.79, 0.81},
                new double[] {0.78, 0.81, 0.77, 0.80, 0.79, 0.76});
        assertEquals(36.5, r.u1());
        assertEquals(0.029325947677376965, r.pValue(), 1e-13);
    }

    @Test
    void shouldMatchScipyOnLargerTiedSamples() {
        double[] a = {
            1.8, 0.4, 1.0, 2.2, 1.9, -1.0, 1.0, -0.2, -0.1, 0.4, 0.1, 1.5, 0.8, 0.1, 0.4, 0.3, 1.5, -0.2, 0.3, -0.9,
            -2.6, 0.7, 0.9, -0.7, 2.3, -1.5, 0.0, -0.2, 1.5, 1.5, 0.2, 0.4, -0.9, -2.0, -0.3, 0.2, 1.2, 1.2, -0.4, -0.3
        };
        double[] b = {
            0.2, -0.2, -0.5, 3.2, 0.7, 0.8, -0.1, 2.0, -0.4, 1.0, 0.3, 1.6, 0.7, 0.0, 1.2, 1.6, 1.3, 1.5, 0.6, 0.8, 0.5,
            0.8, 0.4, -0.5, 1.4, 0.8, -0.4, 1.7, 0.3, 1.3
        };
        MannWhitneyU r = MannWhitneyU.test(a, b);
        assertEquals(467.5, r.u1());
        assertEquals(0.11687320555930182, r.pValue(), 1e-13);
    }

    @Test
    void shouldKeepSmallPValuesAccurate() {
        double[] x = new double[30];
        double[] y = new double[36];
        for (int i = 0; i < 30; i++) {
            x[i] = i + 1;
        }
        for (int i = 0; i < 36; i++) {
            y[i] = i + 25;
        }
        MannWhitneyU r = MannWhitneyU.test(x, y);
        assertEquals(18.0, r.u1());
        assertEquals(1.8653987342250808e-11, r.pValue(), 1e-11 * 1.8653987342250808e-11);
    }

    @Test
    void shouldBeSymmetricInTheSamplesExceptForTheStatistic() {
        double[] x = new double[25];
        double[] y = new double[10];
        for (int i = 0; i < 25; i++) {
            x[i] = i < 20 ? 1 : 2;
        }
        java.util.Arrays.fill(y, 3);
        MannWhitneyU xy = MannWhitneyU.test(x, y);
        MannWhitneyU yx = MannWhitneyU.test(y, x);
        assertEquals(0.0, xy.u1());
        assertEquals(250.0, yx.u1());
        assertEquals(3.0255807945785185e-07, xy.pValue(), 1e-12 * 3.0255807945785185e-07);
        assertEquals(xy.pValue(), yx.pValue());
        assertEquals(-1, xy.rankBiserial(), 1e-15);
    }

    @Test
    void shouldGivePValueOneWhenEverythingIsTied() {
        MannWhitneyU r = MannWhitneyU.test(new double[] {1, 1, 1}, new double[] {1, 1});
        assertEquals(3.0, r.u1());
        assertEquals(1.0, r.pValue());
        assertTrue(Double.isNaN(r.z()));
    }

    @Test
    void shouldRejectEmptyOrNonFiniteSamples() {
        assertThrows(IllegalArgumentException.class, () -> MannWhitneyU.test(new double[0], new double[] {1}));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> MannWhitneyU.test(new double[] {1}, new double[] {2, Double.NaN}));
        assertTrue(e.getMessage().contains("y"), e.getMessage());
    }
}
