package io.hyperrep.core.sample;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ordered, unmodifiable parameter maps that samplers, bandwidth rules and anchor selections record in
 * lineage. Insertion order is kept because lineage is written in it and a reproduction is compared with
 * what was written.
 */
public final class LineageParameters {

    private final Map<String, Object> entries;

    private LineageParameters(Map<String, ?> start) {
        this.entries = new LinkedHashMap<>(start);
    }

    /** No entries yet; {@link #put} adds them in lineage order. */
    public static LineageParameters empty() {
        return new LineageParameters(Map.of());
    }

    /** Starts with {@code base}'s entries in its order (e.g. a bandwidth rule's, which a sampler extends). */
    public static LineageParameters startingWith(Map<String, ?> base) {
        return new LineageParameters(base);
    }

    /** Adds {@code key}, or replaces its value where it already is. */
    public LineageParameters put(String key, Object value) {
        entries.put(key, value);
        return this;
    }

    /** Adds {@code more}'s entries in its order. */
    public LineageParameters putAll(Map<String, ?> more) {
        entries.putAll(more);
        return this;
    }

    /** The entries so far, as an unmodifiable map in insertion order. */
    public Map<String, Object> toMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
}
