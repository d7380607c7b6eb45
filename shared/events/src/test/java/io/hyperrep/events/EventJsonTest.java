package io.hyperrep.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every JSON event decoder rejects a value that is not a JSON object of bounded size for the same reason,
 * so a dead letter says the same thing whichever topic the record came from.
 */
class EventJsonTest {

    static final Map<String, Consumer<byte[]>> DECODERS = Map.of(
            "checkpoint", CheckpointCodec::decode,
            "snapshot", SnapshotCodec::decode,
            "training job", PipelineEvents.TRAINING_JOB::decode);

    @Test
    void shouldRejectValuesThatAreNotBoundedJsonObjectsForTheSameReasons() {
        String padding = " ".repeat(Topics.MAX_RECORD_BYTES);
        DECODERS.forEach((event, decode) -> {
            assertEquals(EventFormatException.Reason.NOT_JSON, reason(decode, null), event + ", null");
            assertEquals(EventFormatException.Reason.NOT_JSON, reason(decode, new byte[0]), event + ", empty");
            assertEquals(EventFormatException.Reason.NOT_JSON, reason(decode, utf8("{\"schema\":")), event + ", cut");
            assertEquals(EventFormatException.Reason.NOT_JSON, reason(decode, utf8("[1, 2]")), event + ", array");
            assertEquals(
                    EventFormatException.Reason.TOO_LARGE, reason(decode, utf8("{}" + padding)), event + ", oversized");
        });
    }

    private static EventFormatException.Reason reason(Consumer<byte[]> decode, byte[] value) {
        return assertThrows(EventFormatException.class, () -> decode.accept(value))
                .reason();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
