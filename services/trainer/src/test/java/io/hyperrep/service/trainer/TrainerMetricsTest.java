package io.hyperrep.service.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerMetricsTest {

    @Test
    void shouldExposeEveryJobOutcomeAtZeroBeforeTheFirstJob() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TrainerMetrics metrics = new TrainerMetrics(registry);
        // Kept apart (duplicates): each service asserts its own meters (EvaluatorMetricsTest the same way); service
        // modules share no test code, and the test kit has no Micrometer.
        // a counter that first appears at 1 has no rise for increase() and the jobs alert to see
        for (String outcome :
                List.of("completed", "dead_lettered", "rejected", "retried", "stopped", "handed_over", "failed")) {
            Counter c = registry.find("hyperrep.trainer.jobs")
                    .tag("outcome", outcome)
                    .counter();
            assertNotNull(c, outcome + " is registered before any job settles");
            assertEquals(0.0, c.count(), outcome);
        }
        metrics.job("dead_lettered");
        assertEquals(
                1.0,
                registry.get("hyperrep.trainer.jobs")
                        .tag("outcome", "dead_lettered")
                        .counter()
                        .count());
    }
}
