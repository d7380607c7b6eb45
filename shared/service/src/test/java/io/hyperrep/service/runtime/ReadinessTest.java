package io.hyperrep.service.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The process is ready when every component is; each component also knows its own state. */
class ReadinessTest {

    @Test
    void shouldBeReadyOnlyWhenEveryComponentIsAndTellEachItsOwnState() {
        Readiness r = new Readiness();
        Readiness.Check ingest = r.register("ingest", "reading the dataset topic");
        Readiness.Check trainer = r.register("trainer", "joining the trainer group");
        assertFalse(r.ready());
        ingest.ready();
        assertTrue(ingest.isReady(), "ingest is ready while the trainer still joins");
        assertFalse(trainer.isReady());
        assertFalse(r.ready());
        assertEquals(Map.of("trainer", "joining the trainer group"), r.pending());
        trainer.ready();
        assertTrue(r.ready());
        ingest.notReady("broker lost");
        assertFalse(ingest.isReady());
        assertEquals(Map.of("ingest", "broker lost"), r.pending());
    }
}
