package io.hyperrep.zoo.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperrep.zoo.eval.FineTuneComparisons.Verdict;
import org.junit.jupiter.api.Test;

class FineTuneComparisonsTest {

    @Test
    void shouldCallADifferenceOnlyWhereTheAdjustedPIsBelowAlphaInTheShiftsDirection() {
        assertEquals(Verdict.ABOVE, FineTuneComparisons.verdict(0.01, 0.02, 0.05));
        assertEquals(Verdict.BELOW, FineTuneComparisons.verdict(0.01, -0.02, 0.05));
        assertEquals(Verdict.NOT_DIFFERENT, FineTuneComparisons.verdict(0.05, 0.02, 0.05), "p = alpha is not below it");
        assertEquals(Verdict.NOT_DIFFERENT, FineTuneComparisons.verdict(0.2, -0.02, 0.05));
        assertEquals(Verdict.NOT_DIFFERENT, FineTuneComparisons.verdict(0.01, 0, 0.05), "no shift, no direction");
    }
}
