package io.hyperrep.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Checkpoint sample() {
        float[] w = new float[Architectures.CNN_S.parameterCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.sin(i);
        }
        return new Checkpoint(
                "zoo1",
                "m0003",
                3,
                5,
                "cnn-s",
                Architectures.CNN_S.layoutHash(),
                new CheckpointMetrics(0.5, 0.8, 0.79, 0.78),
                w);
    }

    @Test
    void shouldRoundTripACheckpoint() {
        Checkpoint c = sample();
        Checkpoint d = CheckpointCodec.decode(CheckpointCodec.encode(c));
        assertArrayEquals(c.weights(), d.weights());
        assertEquals(c.metrics(), d.metrics());
        assertEquals("zoo1/m0003/5", d.key());
        assertEquals(c.weightsSha256(), d.weightsSha256());
    }

    @Test
    void shouldCarryCloudEventsHeaders() {
        var h = CheckpointCodec.headers(sample(), Instant.parse("2026-01-01T00:00:00Z"))
                .asMap();
        assertEquals("1.0", h.get("ce_specversion"));
        assertEquals(EventTypes.CHECKPOINT_PUBLISHED, h.get("ce_type"));
        assertEquals("/hyperrep/zoo/zoo1", h.get("ce_source"));
        assertTrue(h.get("ce_id").startsWith("zoo1/m0003/5@"));
        assertEquals(1, EventTypes.majorVersion(h.get("ce_type")));
        assertEquals(CloudEventHeaders.fromMap(h).id(), h.get("ce_id"));
    }

    private static EventFormatException.Reason reasonFor(Consumer<ObjectNode> mutation) throws Exception {
        ObjectNode n = (ObjectNode) JSON.readTree(CheckpointCodec.encode(sample()));
        mutation.accept(n);
        return assertThrows(EventFormatException.class, () -> CheckpointCodec.decode(JSON.writeValueAsBytes(n)))
                .reason();
    }

    @Test
    void shouldClassifyEveryKindOfBadCheckpoint() throws Exception {
        assertEquals(
                EventFormatException.Reason.NOT_JSON,
                assertThrows(
                                EventFormatException.class,
                                () -> CheckpointCodec.decode("{nope".getBytes(StandardCharsets.UTF_8)))
                        .reason());
        assertEquals(EventFormatException.Reason.MISSING_FIELD, reasonFor(n -> n.remove("zooId")));
        assertEquals(EventFormatException.Reason.INVALID_FIELD, reasonFor(n -> n.put("epoch", "five")));
        assertEquals(EventFormatException.Reason.UNKNOWN_ARCHITECTURE, reasonFor(n -> n.put("arch", "resnet")));
        assertEquals(EventFormatException.Reason.UNKNOWN_ARCHITECTURE, reasonFor(n -> n.put("layoutHash", "0000")));
        assertEquals(
                EventFormatException.Reason.UNSUPPORTED_VERSION,
                reasonFor(n -> n.put("schema", "io.hyperrep.checkpoint.v2")));
        assertEquals(EventFormatException.Reason.INVALID_FIELD, reasonFor(n -> ((ObjectNode) n.get("metrics"))
                .put("testAcc", 1.5)));
        assertEquals(EventFormatException.Reason.WRONG_WEIGHT_COUNT, reasonFor(n -> ((ObjectNode) n.get("weights"))
                .put("base64", java.util.Base64.getEncoder().encodeToString(new byte[40]))));
        assertEquals(EventFormatException.Reason.DIGEST_MISMATCH, reasonFor(n -> ((ObjectNode) n.get("weights"))
                .put("sha256", "00")));
    }

    @Test
    void shouldRejectNonFiniteAndHugeWeights() {
        Checkpoint c = sample();
        c.weights()[7] = Float.NaN;
        EventFormatException e =
                assertThrows(EventFormatException.class, () -> CheckpointCodec.decode(CheckpointCodec.encode(c)));
        assertEquals(EventFormatException.Reason.NON_FINITE_WEIGHTS, e.reason());
        assertTrue(e.getMessage().contains("weight 7"));
        c.weights()[7] = 1e6f;
        assertTrue(assertThrows(EventFormatException.class, () -> CheckpointCodec.decode(CheckpointCodec.encode(c)))
                .getMessage()
                .contains("magnitude"));
    }
}
