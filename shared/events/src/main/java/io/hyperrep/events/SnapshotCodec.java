package io.hyperrep.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.TreeMap;
import java.util.function.Function;

/** JSON of the snapshot event ({@code io.hyperrep.snapshot.v1}, docs/EVENTS.md). */
public final class SnapshotCodec {

    public static final String SCHEMA = "io.hyperrep.snapshot.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotCodec() {}

    public static byte[] encode(Snapshot s) {
        // Kept apart (duplicates): each event's v1 wire format, spelled out field by field (docs/EVENTS.md).
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("id", s.id());
        root.put("zooId", s.zooId());
        root.put("arch", s.arch());
        root.put("topic", s.topic());
        ObjectNode offsets = root.putObject("endOffsets");
        s.endOffsets().forEach((p, o) -> offsets.put(String.valueOf(p), o));
        root.put("checkpoints", s.checkpoints());
        root.put("models", s.models());
        ObjectNode perEpoch = root.putObject("perEpoch");
        s.perEpoch().forEach((e, n) -> perEpoch.put(String.valueOf(e), n));
        root.put("trigger", s.trigger());
        root.put("time", s.time().toString());
        return EventJson.write(JSON, root);
    }

    public static CloudEventHeaders headers(Snapshot s) {
        return new CloudEventHeaders(
                s.id(), EventTypes.SNAPSHOT_CREATED, "/hyperrep/ingest", s.time(), "application/json");
    }

    /** @throws EventFormatException naming the offending field */
    public static Snapshot decode(byte[] value) {
        JsonNode root = EventJson.readObject(JSON, value);
        if (!SCHEMA.equals(root.path("schema").asText(null))) {
            throw new EventFormatException(
                    EventFormatException.Reason.UNSUPPORTED_VERSION,
                    "unsupported schema '" + root.path("schema").asText(null) + "'; this consumer reads " + SCHEMA);
        }
        try {
            TreeMap<Integer, Long> offsets = byIntegerKey(required(root, "endOffsets"), JsonNode::asLong);
            TreeMap<Integer, Integer> perEpoch = byIntegerKey(required(root, "perEpoch"), JsonNode::asInt);
            return new Snapshot(
                    required(root, "id").asText(),
                    required(root, "zooId").asText(),
                    required(root, "arch").asText(),
                    required(root, "topic").asText(),
                    offsets,
                    required(root, "checkpoints").asInt(),
                    required(root, "models").asInt(),
                    perEpoch,
                    required(root, "trigger").asText(),
                    Instant.parse(required(root, "time").asText()));
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            throw new EventFormatException(
                    EventFormatException.Reason.INVALID_FIELD, "snapshot field malformed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new EventFormatException(EventFormatException.Reason.INVALID_FIELD, e.getMessage());
        }
    }

    /** The fields of a JSON object whose names are integers (partitions, epochs), in key order. */
    private static <V> TreeMap<Integer, V> byIntegerKey(JsonNode object, Function<JsonNode, V> value) {
        TreeMap<Integer, V> m = new TreeMap<>();
        object.fields().forEachRemaining(e -> m.put(Integer.parseInt(e.getKey()), value.apply(e.getValue())));
        return m;
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new EventFormatException(
                    EventFormatException.Reason.MISSING_FIELD, "snapshot is missing field '" + field + "'");
        }
        return v;
    }
}
