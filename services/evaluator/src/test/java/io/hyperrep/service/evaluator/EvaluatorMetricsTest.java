package io.hyperrep.service.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.hyperrep.events.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EvaluatorMetricsTest {

    @Test
    void shouldKeepReportingTheKnownSamplesAfterGarbageCollection() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Set<String> evaluated = new HashSet<>(Set.of("a", "b", "c"));
        // Kept apart (duplicates): IngestMetricsTest checks its own gauge the same way; service modules share no test
        // code, and the test kit has no Micrometer.
        // as the verticle passes it: a method reference that only the gauge holds
        EvaluatorMetrics metrics = new EvaluatorMetrics(registry, evaluated::size);
        metrics.partitions(2);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(
                3.0,
                registry.get("hyperrep.evaluator.known").gauge().value(),
                "a weakly held supplier reads NaN once collected");
        assertEquals(2.0, registry.get("hyperrep.evaluator.partitions").gauge().value());
    }

    @Test
    void shouldExposeEveryRejectionReasonAtZeroBeforeTheFirstRejection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EvaluatorMetrics metrics = new EvaluatorMetrics(registry, () -> 0);
        // a counter that first appears at 1 has no rise for increase() and the rejection alert to see
        List<String> reasons =
                new ArrayList<>(Stream.of(RejectReason.values()).map(Enum::name).toList());
        reasons.add("NO_REFERENCE");
        for (String reason : reasons) {
            Counter c = registry.find("hyperrep.evaluator.rejected")
                    .tag("reason", reason)
                    .counter();
            assertNotNull(c, reason + " is registered before any rejection");
            assertEquals(0.0, c.count(), reason);
        }
        metrics.rejected("NO_REFERENCE");
        assertEquals(
                1.0,
                registry.get("hyperrep.evaluator.rejected")
                        .tag("reason", "NO_REFERENCE")
                        .counter()
                        .count());
    }
}
