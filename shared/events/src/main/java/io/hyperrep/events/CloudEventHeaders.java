package io.hyperrep.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudEvents 1.0 attributes in the Kafka protocol binding's binary mode: {@code ce_*} headers plus
 * {@code content-type}; the record value is the event data.
 */
public record CloudEventHeaders(String id, String type, String source, Instant time, String contentType) {

    public static final String SPEC_VERSION = "1.0";

    public CloudEventHeaders {
        if (id == null || id.isBlank() || type == null || type.isBlank() || source == null || source.isBlank()) {
            throw new IllegalArgumentException("a CloudEvent needs id, type and source");
        }
    }

    /** The headers as Kafka header name to UTF-8 value, in a stable order. */
    public Map<String, String> asMap() {
        // Kept apart (duplicates): header names fixed by the CloudEvents Kafka binding, spelled out in its order.
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ce_specversion", SPEC_VERSION);
        m.put("ce_id", id);
        m.put("ce_type", type);
        m.put("ce_source", source);
        if (time != null) {
            m.put("ce_time", time.toString());
        }
        m.put("content-type", contentType);
        return m;
    }

    /** Reads the headers back; a missing required attribute is an {@link EventFormatException}. */
    public static CloudEventHeaders fromMap(Map<String, String> h) {
        String spec = h.get("ce_specversion");
        if (spec == null) {
            throw new EventFormatException(EventFormatException.Reason.MISSING_HEADER, "missing header ce_specversion");
        }
        if (!SPEC_VERSION.equals(spec)) {
            throw new EventFormatException(
                    EventFormatException.Reason.UNSUPPORTED_VERSION, "unsupported ce_specversion " + spec);
        }
        for (String k : new String[] {"ce_id", "ce_type", "ce_source"}) {
            if (h.get(k) == null || h.get(k).isBlank()) {
                throw new EventFormatException(EventFormatException.Reason.MISSING_HEADER, "missing header " + k);
            }
        }
        Instant time = null;
        if (h.get("ce_time") != null) {
            try {
                time = Instant.parse(h.get("ce_time"));
            } catch (java.time.format.DateTimeParseException e) {
                throw new EventFormatException(
                        EventFormatException.Reason.INVALID_FIELD,
                        "ce_time is not an RFC 3339 time: " + h.get("ce_time"));
            }
        }
        return new CloudEventHeaders(
                h.get("ce_id"),
                h.get("ce_type"),
                h.get("ce_source"),
                time,
                h.getOrDefault("content-type", "application/json"));
    }
}
