package io.hyperrep.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.events.PipelineEvents.GenerationRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

    static final GenerationRequest REQUEST = new GenerationRequest("r1", "zoo", "kde", 3, 7, "2026-01-01T00:00:00Z");

    static Map<String, String> headers(String type) {
        return new HashMap<>(new CloudEventHeaders("id", type, "/test", Instant.EPOCH, "application/json").asMap());
    }

    static RejectReason rejected(Map<String, String> headers, byte[] value) {
        var read = EventEnvelope.read(PipelineEvents.GENERATION_REQUEST, headers, value);
        var r = assertInstanceOf(EventEnvelope.Rejected.class, read);
        assertTrue(r.message().length() > 5, r.message());
        return r.reason();
    }

    @Test
    void shouldAcceptAValidEvent() {
        var read = EventEnvelope.read(
                PipelineEvents.GENERATION_REQUEST,
                headers(PipelineEvents.GENERATION_REQUEST.eventType()),
                PipelineEvents.GENERATION_REQUEST.encode(REQUEST));
        assertEquals(
                REQUEST, assertInstanceOf(EventEnvelope.Accepted.class, read).event());
    }

    @Test
    void shouldRejectWhatIsNotThisEventWithTheReason() {
        byte[] valid = PipelineEvents.GENERATION_REQUEST.encode(REQUEST);
        assertEquals(RejectReason.MISSING_HEADER, rejected(Map.of(), valid));
        assertEquals(
                RejectReason.UNKNOWN_EVENT_TYPE, rejected(headers(PipelineEvents.GENERATED_MODEL.eventType()), valid));
        assertEquals(RejectReason.UNSUPPORTED_VERSION, rejected(headers("io.hyperrep.generation.requested.v2"), valid));
        String type = PipelineEvents.GENERATION_REQUEST.eventType();
        assertEquals(RejectReason.NOT_JSON, rejected(headers(type), "nope".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                RejectReason.INVALID_FIELD, rejected(headers(type), replaced(valid, "\"count\":3", "\"count\":0")));
        assertEquals(RejectReason.MISSING_FIELD, rejected(headers(type), replaced(valid, "\"method\":\"kde\",", "")));
    }

    /** The JSON {@code value} with {@code text} replaced by {@code replacement}. */
    private static byte[] replaced(byte[] value, String text, String replacement) {
        return new String(value, StandardCharsets.UTF_8)
                .replace(text, replacement)
                .getBytes(StandardCharsets.UTF_8);
    }
}
