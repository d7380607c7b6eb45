package io.hyperrep.service.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PendingGenerationsTest {

    @Test
    void shouldAdmitUpToTheCapAndFreeWhatTheGroupCommittedPast() {
        PendingGenerations p = new PendingGenerations(100);
        var a = p.reserve(60);
        var b = p.reserve(40);
        assertNotNull(a);
        assertNotNull(b);
        assertNull(p.reserve(1), "100 pending: full");
        a.placed(2, 10);
        b.placed(3, 5);
        assertEquals(Set.of(2, 3), p.partitions());
        p.settle(Map.of(2, 10L, 3, 5L));
        assertEquals(100, p.pending(), "a committed offset at the record's own means it is not done yet");
        p.settle(Map.of(2, 11L));
        assertEquals(40, p.pending());
        assertNotNull(p.reserve(60));
        var failed = p.reserve(1);
        assertNull(failed, "100 pending again");
    }

    @Test
    void shouldAdmitOneRequestLargerThanTheCapWhenNothingIsPendingAndForgetCancelledOnes() {
        PendingGenerations p = new PendingGenerations(10);
        var big = p.reserve(500);
        assertNotNull(big, "alone, a large request still runs");
        assertNull(p.reserve(1));
        big.cancel();
        assertEquals(0, p.pending());
        assertNotNull(p.reserve(10));
    }
}
