package io.hyperrep.zoo.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words reports and results.json print for verdicts, target statuses and population kinds. */
class ReportLabelsTest {

    @Test
    void shouldLabelVerdictsAndStatusesInWordsAndKindsByTheirShortNames() {
        assertEquals(
                List.of("above", "not different", "below"),
                Arrays.stream(FineTuneComparisons.Verdict.values())
                        .map(FineTuneComparisons.Verdict::label)
                        .toList());
        assertEquals(
                List.of("met", "missed", "not assessed"),
                Arrays.stream(TargetAssessment.Status.values())
                        .map(TargetAssessment.Status::label)
                        .toList());
        assertEquals(
                List.of("sample", "B_T", "B_F", "noise", "anchors"),
                Arrays.stream(PopulationKind.values())
                        .map(PopulationKind::label)
                        .toList());
    }
}
