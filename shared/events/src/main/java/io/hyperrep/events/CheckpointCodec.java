package io.hyperrep.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The checkpoint event's data (JSON, schema {@code io.hyperrep.checkpoint.v1}, docs/EVENTS.md): the
 * same bytes are the Kafka record value and a checkpoint file in a zoo directory. Decoding checks
 * every field and says exactly what is wrong.
 */
public final class CheckpointCodec {

    /** Ids are key parts: letters, digits and {@code ._-}. Compiled once: every record has two. */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public static final String SCHEMA = "io.hyperrep.checkpoint.v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MAX_ABS_WEIGHT = 1e4;

    private CheckpointCodec() {}

    /** Encodes the checkpoint as UTF-8 JSON. */
    public static byte[] encode(Checkpoint c) {
        // Kept apart (duplicates): each event's v1 wire format, spelled out field by field (docs/EVENTS.md).
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("zooId", c.zooId());
        root.put("modelId", c.modelId());
        root.put("seed", c.seed());
        root.put("epoch", c.epoch());
        root.put("arch", c.arch());
        root.put("layoutHash", c.layoutHash());
        ObjectNode m = root.putObject("metrics");
        m.put("trainLoss", c.metrics().trainLoss());
        m.put("trainAcc", c.metrics().trainAcc());
        m.put("valAcc", c.metrics().valAcc());
        m.put("testAcc", c.metrics().testAcc());
        byte[] raw = Checkpoint.weightBytes(c.weights());
        ObjectNode w = root.putObject("weights");
        w.put("dtype", "float32");
        w.put("byteOrder", "little-endian");
        w.put("count", c.weights().length);
        w.put("sha256", Checkpoint.sha256(raw));
        w.put("base64", Base64.getEncoder().encodeToString(raw));
        return EventJson.write(JSON, root);
    }

    /** The CloudEvents headers of a checkpoint event; the id is derived from key and digest, so a re-publish is recognisable. */
    public static CloudEventHeaders headers(Checkpoint c, Instant time) {
        return new CloudEventHeaders(
                c.key() + "@" + c.weightsSha256().substring(0, 16),
                EventTypes.CHECKPOINT_PUBLISHED,
                "/hyperrep/zoo/" + c.zooId(),
                time,
                "application/json");
    }

    /**
     * Decodes and validates a checkpoint: JSON shape, known architecture with matching layout hash,
     * weight count, finite values within ±1e4, digest, metric ranges.
     *
     * @throws EventFormatException with the reason and a message naming the offending field
     */
    public static Checkpoint decode(byte[] value) {
        return decodeVerified(value).checkpoint();
    }

    /** A decoded checkpoint with the sha256 of its weights, verified against the event's digest field. */
    public record Verified(Checkpoint checkpoint, String sha256) {}

    /** {@link #decode}, keeping the verified digest so that callers need not hash the weights again. */
    public static Verified decodeVerified(byte[] value) {
        JsonNode root = EventJson.readObject(JSON, value);
        String schema = text(root, "schema");
        if (!SCHEMA.equals(schema)) {
            throw new EventFormatException(
                    EventFormatException.Reason.UNSUPPORTED_VERSION,
                    "unsupported schema '" + schema + "'; this consumer reads " + SCHEMA);
        }
        String zooId = id(root, "zooId");
        String modelId = id(root, "modelId");
        long seed = integer(root, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        int epoch = (int) integer(root, "epoch", 0, 100_000);
        String arch = text(root, "arch");
        Architecture a = Architectures.find(arch)
                .orElseThrow(() -> new EventFormatException(
                        EventFormatException.Reason.UNKNOWN_ARCHITECTURE,
                        "unknown architecture '" + arch + "'; known: "
                                + String.join(
                                        ", ",
                                        Architectures.all().stream()
                                                .map(Architecture::id)
                                                .toList())));
        String layoutHash = text(root, "layoutHash");
        if (!a.layoutHash().equals(layoutHash)) {
            throw new EventFormatException(
                    EventFormatException.Reason.UNKNOWN_ARCHITECTURE,
                    "layoutHash " + layoutHash + " does not match " + arch + " (" + a.layoutHash() + ")");
        }
        JsonNode m = object(root, "metrics");
        CheckpointMetrics metrics = new CheckpointMetrics(
                number(m, "metrics.trainLoss", "trainLoss", 0, 1e6),
                number(m, "metrics.trainAcc", "trainAcc", 0, 1),
                number(m, "metrics.valAcc", "valAcc", 0, 1),
                number(m, "metrics.testAcc", "testAcc", 0, 1));
        JsonNode w = object(root, "weights");
        if (!"float32".equals(w.path("dtype").asText())
                || !"little-endian".equals(w.path("byteOrder").asText())) {
            throw new EventFormatException(
                    EventFormatException.Reason.INVALID_FIELD,
                    "weights must be dtype float32, byteOrder little-endian");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text(w, "base64"));
        } catch (IllegalArgumentException e) {
            throw new EventFormatException(
                    EventFormatException.Reason.INVALID_FIELD, "weights.base64 is not valid base64");
        }
        if (raw.length != a.parameterCount() * 4) {
            throw new EventFormatException(
                    EventFormatException.Reason.WRONG_WEIGHT_COUNT,
                    "weights hold " + raw.length / 4.0 + " float32 values; " + arch + " has " + a.parameterCount());
        }
        long count = integer(w, "count", 0, Integer.MAX_VALUE);
        if (count != a.parameterCount()) {
            throw new EventFormatException(
                    EventFormatException.Reason.WRONG_WEIGHT_COUNT,
                    "weights.count is " + count + "; " + arch + " has " + a.parameterCount());
        }
        String sha = Checkpoint.sha256(raw);
        if (!sha.equals(text(w, "sha256"))) {
            throw new EventFormatException(
                    EventFormatException.Reason.DIGEST_MISMATCH,
                    "weights.sha256 does not match the weights (computed " + sha + ")");
        }
        float[] weights = Checkpoint.weightsFromBytes(raw);
        for (int i = 0; i < weights.length; i++) {
            if (!Float.isFinite(weights[i])) {
                throw new EventFormatException(
                        EventFormatException.Reason.NON_FINITE_WEIGHTS, "weight " + i + " is " + weights[i]);
            }
            if (Math.abs(weights[i]) > MAX_ABS_WEIGHT) {
                throw new EventFormatException(
                        EventFormatException.Reason.OUT_OF_RANGE,
                        "weight " + i + " = " + weights[i] + " exceeds the magnitude bound " + MAX_ABS_WEIGHT);
            }
        }
        return new Verified(new Checkpoint(zooId, modelId, seed, epoch, arch, layoutHash, metrics, weights), sha);
    }

    /** Decodes a value that might not be a checkpoint, for tools that skip rather than fail. */
    public static Optional<Checkpoint> tryDecode(byte[] value) {
        try {
            return Optional.of(decode(value));
        } catch (EventFormatException e) {
            return Optional.empty();
        }
    }

    private static JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new EventFormatException(EventFormatException.Reason.MISSING_FIELD, "missing field '" + name + "'");
        }
        return v;
    }

    /** Field {@code name} if {@code is} holds for it; INVALID_FIELD saying it must be {@code kind} otherwise. */
    private static JsonNode typed(JsonNode n, String name, Predicate<JsonNode> is, String kind) {
        JsonNode v = field(n, name);
        if (!is.test(v)) {
            throw new EventFormatException(
                    EventFormatException.Reason.INVALID_FIELD, "field '" + name + "' must be " + kind);
        }
        return v;
    }

    private static String text(JsonNode n, String name) {
        return typed(n, name, JsonNode::isTextual, "a string").asText();
    }

    private static String id(JsonNode n, String name) {
        String s = text(n, name);
        if (!ID.matcher(s).matches()) {
            throw new EventFormatException(
                    EventFormatException.Reason.INVALID_FIELD,
                    "field '" + name + "' must be 1-128 characters of [A-Za-z0-9._-], got '" + abbreviate(s) + "'");
        }
        return s;
    }

    private static JsonNode object(JsonNode n, String name) {
        return typed(n, name, JsonNode::isObject, "an object");
    }

    private static long integer(JsonNode n, String name, long min, long max) {
        long x = typed(n, name, v -> v.isIntegralNumber() && v.canConvertToLong(), "an integer")
                .asLong();
        if (x < min || x > max) {
            throw new EventFormatException(
                    EventFormatException.Reason.INVALID_FIELD,
                    "field '" + name + "' = " + x + " is outside " + min + ".." + max);
        }
        return x;
    }

    private static double number(JsonNode n, String path, String name, double min, double max) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new EventFormatException(EventFormatException.Reason.MISSING_FIELD, "missing field '" + path + "'");
        }
        if (!v.isNumber()) {
            throw new EventFormatException(
                    EventFormatException.Reason.INVALID_FIELD, "field '" + path + "' must be a number");
        }
        double x = v.asDouble();
        if (!(x >= min && x <= max)) {
            throw new EventFormatException(
                    EventFormatException.Reason.INVALID_FIELD,
                    "field '" + path + "' = " + x + " is outside [" + min + ", " + max + "]");
        }
        return x;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
