package io.hyperrep.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * What the JSON event codecs share: reading a record value as a JSON object with the same checks and
 * reasons for every event type, and writing a JSON object as the record value.
 */
final class EventJson {

    private EventJson() {}

    /**
     * {@code value} as a JSON object: not empty, within {@link Topics#MAX_RECORD_BYTES}, JSON, an object.
     * Its schema field is the caller's to check.
     *
     * @throws EventFormatException {@code NOT_JSON} or {@code TOO_LARGE}, saying which check failed
     */
    static ObjectNode readObject(ObjectMapper json, byte[] value) {
        if (value == null || value.length == 0) {
            throw new EventFormatException(EventFormatException.Reason.NOT_JSON, "empty record value");
        }
        if (value.length > Topics.MAX_RECORD_BYTES) {
            throw new EventFormatException(
                    EventFormatException.Reason.TOO_LARGE,
                    "record of " + value.length + " bytes exceeds the limit of " + Topics.MAX_RECORD_BYTES);
        }
        JsonNode root;
        try {
            root = json.readTree(value);
        } catch (IOException e) {
            throw new EventFormatException(
                    EventFormatException.Reason.NOT_JSON, "value is not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new EventFormatException(EventFormatException.Reason.NOT_JSON, "value is not a JSON object");
        }
        return (ObjectNode) root;
    }

    /** {@code root} as UTF-8 JSON, the record value. */
    static byte[] write(ObjectMapper json, ObjectNode root) {
        try {
            return json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
