package io.hyperrep.service.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvaluatorMetricsTest {

    @Test
    void shouldKeepReportingTheKnownSamplesAfterGarbageCollection() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Set<String> evaluated = new HashSet<>(Set.of("a", "b", "c"));
        // as the verticle passes it: a method reference that only the gauge holds
        EvaluatorMetrics metrics = new EvaluatorMetrics(registry, evaluated::size);
        metrics.partitions(2);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(3.0, registry.get("hyperrep.evaluator.known").gauge().value(), "a weakly held supplier reads NaN once collected");
        assertEquals(2.0, registry.get("hyperrep.evaluator.partitions").gauge().value());
    }
}
