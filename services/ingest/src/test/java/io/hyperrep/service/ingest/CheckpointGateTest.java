package io.hyperrep.service.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.CheckpointCodec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckpointGateTest {

    private final DatasetIndex index = new DatasetIndex();
    private final CheckpointGate gate = new CheckpointGate(index);

    private IngestDecision decide(BadCheckpoints.Input in) {
        return gate.decide(in.key(), in.value(), in.headers());
    }

    @Test
    void shouldAcceptAValidCheckpointAndMarkItsModelNew() {
        var d = decide(BadCheckpoints.input("ok", BadCheckpoints.valid("z", 1, 0, 1)));
        var a = assertInstanceOf(IngestDecision.Accept.class, d);
        assertTrue(a.newModel());
        assertEquals("z/m0001/0", a.checkpoint().key());
    }

    @Test
    void shouldTreatTheSameCheckpointAgainAsUnchangedAndAnotherEpochAsKnownModel() {
        Checkpoint c = BadCheckpoints.valid("z", 1, 0, 1);
        index.load(c.key(), c.weightsSha256(), c.arch());
        assertInstanceOf(IngestDecision.Unchanged.class, decide(BadCheckpoints.input("again", c)));
        var next = assertInstanceOf(
                IngestDecision.Accept.class,
                decide(BadCheckpoints.input("epoch 1", BadCheckpoints.valid("z", 1, 1, 1))));
        assertFalse(next.newModel());
    }

    @Test
    void shouldAcceptTheSharedInitialisationOfAZooButNoOtherCopy() {
        Checkpoint first = BadCheckpoints.valid("z", 1, 0, 5);
        index.load(first.key(), first.weightsSha256(), first.arch());
        // the same epoch-0 weights for another model of the zoo: a shared initialisation, accepted
        Checkpoint second = BadCheckpoints.valid("z", 2, 0, 5);
        assertInstanceOf(IngestDecision.Accept.class, decide(BadCheckpoints.input("shared init", second)));
        index.load(second.key(), second.weightsSha256(), second.arch());
        assertInstanceOf(IngestDecision.Unchanged.class, decide(BadCheckpoints.input("first again", first)));
        assertInstanceOf(IngestDecision.Unchanged.class, decide(BadCheckpoints.input("second again", second)));
        // the same weights in another zoo, or at a later epoch, stay duplicates
        for (Checkpoint copy : List.of(copyOf(first, "y", "m0001", 0), copyOf(first, "z", "m0003", 3))) {
            var r = assertInstanceOf(
                    IngestDecision.Reject.class, decide(BadCheckpoints.input("copy", copy)), copy.key());
            assertEquals(io.hyperrep.events.RejectReason.DUPLICATE, r.reason(), copy.key());
        }
    }

    private static Checkpoint copyOf(Checkpoint c, String zoo, String model, int epoch) {
        return new Checkpoint(zoo, model, c.seed(), epoch, c.arch(), c.layoutHash(), c.metrics(), c.weights());
    }

    @Test
    void shouldRejectEveryRecordOfTheCorpusWithItsReason() {
        Checkpoint existing = BadCheckpoints.valid("z", 1, 1, 1);
        index.load(existing.key(), existing.weightsSha256(), existing.arch());
        var corpus = BadCheckpoints.corpus("z", existing);
        Set<Object> reasons = new HashSet<>();
        for (var in : corpus) {
            var r = assertInstanceOf(IngestDecision.Reject.class, decide(in), in.name());
            assertEquals(in.expected(), r.reason(), in.name() + ": " + r.message());
            assertFalse(r.message().isBlank(), in.name());
            reasons.add(r.reason());
        }
        assertTrue(reasons.size() >= 10, "the corpus covers " + reasons.size() + " reasons");
    }

    @Test
    void shouldLetAReservationBlockARacingDuplicateAndFreeItOnFailure() {
        Checkpoint c = BadCheckpoints.valid("z", 2, 0, 2);
        index.reserve(c.key(), c.weightsSha256(), c.arch());
        assertInstanceOf(IngestDecision.Unchanged.class, gate.decideUpload(CheckpointCodec.encode(c)));
        index.release(c.key());
        assertInstanceOf(IngestDecision.Accept.class, gate.decideUpload(CheckpointCodec.encode(c)));
        assertEquals(0, index.counts("z").checkpoints());
    }

    @Test
    void shouldCountConfirmedCheckpointsPerZoo() {
        for (int m = 0; m < 3; m++) {
            for (int e = 0; e < 2; e++) {
                Checkpoint c = BadCheckpoints.valid("z", m, e, m);
                index.reserve(c.key(), c.weightsSha256(), c.arch());
                index.confirm(c.key());
            }
        }
        Checkpoint other = BadCheckpoints.valid("y", 0, 0, 9);
        index.load(other.key(), other.weightsSha256(), other.arch());
        var counts = index.counts("z");
        assertEquals(6, counts.checkpoints());
        assertEquals(3, counts.models());
        assertEquals(3, counts.perEpoch().get(1));
        assertEquals("cnn-s", counts.arch());
    }
}
