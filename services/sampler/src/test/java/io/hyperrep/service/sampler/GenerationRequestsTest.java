package io.hyperrep.service.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.sample.Samplers;
import io.hyperrep.events.PipelineEvents.GenerationRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GenerationRequestsTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static GenerationRequest parse(String body) {
        return GenerationRequests.fromJson(body.getBytes(StandardCharsets.UTF_8), "req-1", 42, NOW, Samplers.builtIn());
    }

    static GenerationRequests.Invalid invalid(String body, int status, String error) {
        var e = assertThrows(GenerationRequests.Invalid.class, () -> parse(body), body);
        assertEquals(status, e.status(), body + ": " + e.getMessage());
        assertEquals(error, e.error(), body + ": " + e.getMessage());
        assertTrue(e.getMessage().length() > 5);
        return e;
    }

    @Test
    void shouldReadARequestAndDefaultTheSeed() {
        assertEquals(
                new GenerationRequest("req-1", "z", "kde", 3, 7, NOW.toString()),
                parse("{\"zooId\":\"z\",\"method\":\"kde\",\"count\":3,\"seed\":7}"));
        assertEquals(
                42,
                parse("{\"zooId\":\"z\",\"method\":\"uniform\",\"count\":1}").seed());
    }

    @Test
    void shouldRefuseBadBodiesWithStatusErrorAndMessage() {
        invalid("nope", 400, "NOT_JSON");
        invalid("[1]", 400, "NOT_JSON");
        invalid("{\"method\":\"kde\",\"count\":3}", 400, "MISSING_FIELD");
        invalid("{\"zooId\":\" \",\"method\":\"kde\",\"count\":3}", 400, "INVALID_FIELD");
        invalid("{\"zooId\":\"z\",\"method\":\"kde\",\"count\":\"3\"}", 400, "INVALID_FIELD");
        invalid("{\"zooId\":\"z\",\"method\":\"kde\",\"count\":1.5}", 400, "INVALID_FIELD");
        invalid("{\"zooId\":\"z\",\"method\":\"kde\",\"count\":0}", 422, "OUT_OF_RANGE");
        invalid("{\"zooId\":\"z\",\"method\":\"kde\",\"count\":10001}", 422, "OUT_OF_RANGE");
        invalid("{\"zooId\":\"z\",\"method\":\"kde\",\"count\":2,\"seed\":-1}", 422, "OUT_OF_RANGE");
        var e = invalid("{\"zooId\":\"z\",\"method\":\"gan9\",\"count\":3}", 422, "UNKNOWN_METHOD");
        assertTrue(
                e.getMessage().contains("kde, kde-faithful") || e.getMessage().contains("uniform, kde"),
                "lists the known methods: " + e.getMessage());
    }
}
