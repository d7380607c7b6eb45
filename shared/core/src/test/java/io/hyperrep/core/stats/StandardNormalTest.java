package io.hyperrep.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StandardNormalTest {

    // P(Z > z) from mpmath (40 digits), rounded to 17; scipy 1.17 agrees to 1e-13 relative.
    private static final double[][] SF = {
        {0, 0.5},
        {0.5, 0.3085375387259869},
        {1.96, 0.024997895148220436},
        {2.8284271247461903, 0.0023388674905236315},
        {2.83, 0.002327400206731554},
        {2.9, 0.0018658133003840385},
        {3, 0.0013498980316300945},
        {5, 2.8665157187919391e-7},
        {8.5, 9.4795348222033184e-18},
        {20, 2.7536241186062337e-89},
        {37, 5.7255712225245768e-300},
    };

    @Test
    void shouldMatchHighPrecisionSurvivalFunctionInBothBranchesAndTheTail() {
        for (double[] c : SF) {
            assertEquals(c[1], StandardNormal.sf(c[0]), 1e-14 * c[1], "sf(" + c[0] + ")");
            assertEquals(c[1], StandardNormal.cdf(-c[0]), 1e-14 * c[1], "cdf(" + -c[0] + ")");
        }
        assertEquals(1 - 0.3085375387259869, StandardNormal.sf(-0.5), 1e-15);
        assertEquals(0, StandardNormal.sf(Double.POSITIVE_INFINITY));
        assertEquals(1, StandardNormal.sf(Double.NEGATIVE_INFINITY));
    }

    @Test
    void shouldMatchScipyQuantiles() {
        assertEquals(-1.9599639845400545, StandardNormal.quantile(0.025), 1e-14);
        assertEquals(1.959963984540054, StandardNormal.quantile(0.975), 1e-14);
        assertEquals(-0.5244005127080409, StandardNormal.quantile(0.3), 1e-14);
        assertEquals(-6.361340902404056, StandardNormal.quantile(1e-10), 1e-12);
        assertEquals(0, StandardNormal.quantile(0.5), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, StandardNormal.quantile(0));
        assertThrows(IllegalArgumentException.class, () -> StandardNormal.quantile(1.5));
    }
}
