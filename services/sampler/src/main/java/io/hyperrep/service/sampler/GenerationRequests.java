package io.hyperrep.service.sampler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.core.sample.Samplers;
import io.hyperrep.events.PipelineEvents.GenerationRequest;
import java.io.IOException;
import java.time.Instant;

/**
 * What makes a generation request acceptable besides its schema: a sampling method the sampler has.
 * Also turns the body of {@code POST /api/generate} ({@code {"zooId", "method", "count", "seed"?}}) into
 * a {@link GenerationRequest}. Every refusal is an {@link Invalid} with an HTTP status, a
 * machine-readable error and a message naming the field. No Vert.x, no Kafka.
 */
final class GenerationRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a request cannot be served. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String error;

        Invalid(int status, String error, String message) {
            super(message, null, false, false);
            this.status = status;
            this.error = error;
        }

        int status() {
            return status;
        }

        String error() {
            return error;
        }
    }

    private GenerationRequests() {}

    /** The request a body asks for; {@code seed} defaults to {@code defaultSeed}. */
    static GenerationRequest fromJson(byte[] body, String requestId, long defaultSeed, Instant now, Samplers samplers) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new Invalid(
                    400,
                    "NOT_JSON",
                    "body is not JSON; send {\"zooId\": ..., \"method\": ..., \"count\": ..., \"seed\": ...}");
        }
        if (root == null || !root.isObject()) {
            throw new Invalid(
                    400, "NOT_JSON", "body must be a JSON object {\"zooId\", \"method\", \"count\", \"seed\"}");
        }
        String zooId = text(root, "zooId");
        String method = text(root, "method");
        checkMethod(method, samplers);
        int count = (int) integer(root, "count", null, 1, 10_000);
        long seed = integer(root, "seed", defaultSeed, 0, Long.MAX_VALUE);
        return new GenerationRequest(requestId, zooId, method, count, seed, now.toString());
    }

    /** @throws Invalid naming the known methods if {@code method} is not one of them */
    static void checkMethod(String method, Samplers samplers) {
        if (!samplers.methods().contains(method)) {
            throw new Invalid(
                    422,
                    "UNKNOWN_METHOD",
                    "unknown sampling method '" + method + "'; known: " + String.join(", ", samplers.methods()));
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw new Invalid(400, "MISSING_FIELD", "missing field '" + field + "'");
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new Invalid(400, "INVALID_FIELD", "field '" + field + "' must be a non-blank string");
        }
        return n.asText();
    }

    private static long integer(JsonNode root, String field, Long fallback, long min, long max) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (fallback == null) {
                throw new Invalid(400, "MISSING_FIELD", "missing field '" + field + "'");
            }
            return fallback;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new Invalid(400, "INVALID_FIELD", "field '" + field + "' must be an integer");
        }
        long v = n.asLong();
        if (v < min || v > max) {
            throw new Invalid(
                    422, "OUT_OF_RANGE", "field '" + field + "' must be in " + min + ".." + max + ", got " + v);
        }
        return v;
    }
}
