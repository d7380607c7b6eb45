package io.hyperrep.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON data of an event type that is a Java record: the record's components plus a {@code schema}
 * field ({@code io.hyperrep.<noun>.v<major>}). Decoding checks the schema, the JSON types, and
 * whatever the record's constructor validates, and reports each failure as an
 * {@link EventFormatException} naming the field. Every component is required, except those marked
 * {@link OptionalField} (added later; absent from older records, decoded as {@code null}).
 */
public final class JsonEventCodec<T extends Record> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private final String schema;
    private final Class<T> type;
    private final String eventType;
    private final List<String> optional;

    public JsonEventCodec(String schema, String eventType, Class<T> type) {
        this.schema = schema;
        this.eventType = eventType;
        this.type = type;
        this.optional = optionalComponents(type);
    }

    private static List<String> optionalComponents(Class<? extends Record> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.isAnnotationPresent(OptionalField.class)) {
                if (c.getType().isPrimitive()) {
                    throw new IllegalArgumentException(
                            type.getSimpleName() + "." + c.getName() + " is optional, so it cannot be a primitive");
                }
                names.add(c.getName());
            }
        }
        return List.copyOf(names);
    }

    /** The components older records may lack. */
    public List<String> optionalFields() {
        return optional;
    }

    public String schema() {
        return schema;
    }

    /** The CloudEvents type, e.g. {@code io.hyperrep.autoencoder.published.v1}. */
    public String eventType() {
        return eventType;
    }

    public byte[] encode(T event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", schema);
        root.setAll((ObjectNode) JSON.valueToTree(event));
        return EventJson.write(JSON, root);
    }

    public T decode(byte[] value) {
        ObjectNode root = EventJson.readObject(JSON, value);
        String s = root.path("schema").asText(null);
        if (!schema.equals(s)) {
            throw new EventFormatException(
                    EventFormatException.Reason.UNSUPPORTED_VERSION,
                    "unsupported schema '" + s + "'; this consumer reads " + schema);
        }
        root.remove("schema");
        for (String field : optional) {
            // Jackson fails on any missing creator property; an absent optional one is an explicit null.
            if (!root.has(field)) {
                root.set(field, NullNode.getInstance());
            }
        }
        try {
            return JSON.treeToValue(root, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new EventFormatException(
                    EventFormatException.Reason.INVALID_FIELD, type.getSimpleName() + ": " + cause.getMessage());
        } catch (InvalidFormatException e) {
            throw new EventFormatException(
                    EventFormatException.Reason.INVALID_FIELD, "field '" + path(e) + "' has the wrong type");
        } catch (MismatchedInputException e) {
            boolean missing = e.getMessage() != null && e.getMessage().contains("Missing");
            throw new EventFormatException(
                    missing ? EventFormatException.Reason.MISSING_FIELD : EventFormatException.Reason.INVALID_FIELD,
                    (missing ? "missing field '" : "field '") + path(e) + (missing ? "'" : "' has the wrong type"));
        } catch (IOException e) {
            throw new EventFormatException(
                    EventFormatException.Reason.INVALID_FIELD, type.getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String path(MismatchedInputException e) {
        StringBuilder b = new StringBuilder();
        for (var ref : e.getPath()) {
            if (!b.isEmpty()) {
                b.append('.');
            }
            b.append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        if (b.isEmpty() && e.getMessage() != null) {
            int i = e.getMessage().indexOf("property '");
            if (i >= 0) {
                int j = e.getMessage().indexOf('\'', i + 10);
                return e.getMessage().substring(i + 10, j);
            }
        }
        return b.toString();
    }
}
