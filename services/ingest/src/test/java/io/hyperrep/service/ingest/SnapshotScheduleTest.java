package io.hyperrep.service.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotScheduleTest {

    @Test
    void shouldCutAfterTheQuietPeriodOnlyWhenSomethingIsPending() {
        var s = new SnapshotSchedule(new SnapshotPolicy(0, Duration.ofSeconds(5)));
        assertTrue(s.due(0).isEmpty());
        s.accepted("z", true, 1000);
        s.accepted("z", false, 3000);
        assertTrue(s.due(7999).isEmpty(), "quiet is measured from the last accepted checkpoint");
        assertEquals(List.of(new SnapshotSchedule.Due("z", "quiet")), s.due(8000));
        s.snapshotted("z");
        assertTrue(s.due(100_000).isEmpty());
    }

    @Test
    void shouldCutAsSoonAsEnoughNewModelsArrived() {
        var s = new SnapshotSchedule(new SnapshotPolicy(2, Duration.ofMinutes(10)));
        s.accepted("z", true, 0);
        s.accepted("z", false, 0);
        assertTrue(s.due(1).isEmpty(), "a new epoch of a known model is not a new model");
        s.accepted("z", true, 0);
        assertEquals(List.of(new SnapshotSchedule.Due("z", "models")), s.due(1));
    }

    @Test
    void shouldKeepZoosApart() {
        var s = new SnapshotSchedule(new SnapshotPolicy(0, Duration.ofSeconds(1)));
        s.accepted("a", true, 0);
        s.accepted("b", true, 900);
        assertEquals(List.of(new SnapshotSchedule.Due("a", "quiet")), s.due(1000));
    }

    @Test
    void shouldRejectANonsensePolicy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SnapshotPolicy(-1, Duration.ofSeconds(1)))
                .getMessage()
                .contains("ingest.snapshot.models"));
        assertThrows(IllegalArgumentException.class, () -> new SnapshotPolicy(1, Duration.ZERO));
    }
}
