package io.hyperrep.core.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperrep.core.stats.Summary;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void shouldMatchHandComputedStatistics() {
        Summary s = Summary.of(new double[] {4, 1, 3, 2});
        assertEquals(4, s.n());
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3), s.std(), 1e-12);
        assertEquals(2.5, s.median(), 1e-12);
        assertEquals(1.75, s.q25(), 1e-12);
        assertEquals(1, s.min());
        assertEquals(4, s.max());
    }
}
