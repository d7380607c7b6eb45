package io.hyperrep.service.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {

    @Test
    void shouldKeepReportingTheDatasetSizeAfterGarbageCollection() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger index = new AtomicInteger(7);
        // as the verticle passes it: a method reference that only the gauge holds
        new IngestMetrics(registry, index::get, () -> true);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(
                7.0,
                registry.get("hyperrep.ingest.dataset.checkpoints").gauge().value(),
                "a weakly held supplier reads NaN once collected");
        assertEquals(1.0, registry.get("hyperrep.ingest.sole.member").gauge().value());
    }
}
