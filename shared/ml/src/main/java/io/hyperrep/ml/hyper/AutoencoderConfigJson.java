package io.hyperrep.ml.hyper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The JSON form of {@link AutoencoderConfig}: one field per record component, all required except those
 * added after the first format (absent means their original behaviour), no others. Reading is strict so
 * that a typo ("head" for "heads") fails instead of silently using a default.
 */
public final class AutoencoderConfigJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final RecordComponent[] FIELDS = AutoencoderConfig.class.getRecordComponents();
    /** Fields later than the first format, with the value that reproduces files written before them. */
    private static final java.util.Map<String, Object> LATER_FIELDS = java.util.Map.of("centred", false);

    private AutoencoderConfigJson() {}

    /**
     * Pretty-printed JSON with the fields in declaration order; a later field at its original value is left
     * out, so a config that does not use it keeps the bytes (and the hash in manifests) it always had.
     */
    public static byte[] write(AutoencoderConfig cfg) {
        ObjectNode n = JSON.createObjectNode();
        for (RecordComponent f : FIELDS) {
            Object v = value(f, cfg);
            if (v.equals(LATER_FIELDS.get(f.getName()))) {
                continue;
            }
            if (v instanceof Integer i) {
                n.put(f.getName(), i);
            } else if (v instanceof Double d) {
                n.put(f.getName(), d);
            } else {
                n.put(f.getName(), (Boolean) v);
            }
        }
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A shipped config by name ({@link AutoencoderConfig#presets()}) or else a config file.
     *
     * @throws IllegalArgumentException as {@link #read(Path)}, also listing the names
     */
    public static AutoencoderConfig resolve(String nameOrFile) {
        AutoencoderConfig preset = AutoencoderConfig.presets().get(nameOrFile);
        if (preset != null) {
            return preset;
        }
        try {
            return read(Path.of(nameOrFile));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    e.getMessage() + " (or name a shipped config: "
                            + String.join(", ", AutoencoderConfig.presets().keySet()) + ")",
                    e);
        }
    }

    /**
     * Reads a config file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong: not JSON, unknown or
     *                                  missing fields, wrong types, or impossible sizes
     */
    public static AutoencoderConfig read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("autoencoder config " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read autoencoder config " + file + ": " + e.getMessage());
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a valid autoencoder config: " + e.getMessage(), e);
        }
    }

    /** Parses config JSON; {@link IllegalArgumentException} says what is wrong. */
    public static AutoencoderConfig parse(byte[] json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with the fields " + names());
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (names().stream().noneMatch(name::equals)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown field(s) " + unknown + "; the fields are " + names());
        }
        List<String> missing = names().stream()
                .filter(f -> !n.has(f) && !LATER_FIELDS.containsKey(f))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing field(s) " + missing + "; every field of " + names()
                    + " is required except " + LATER_FIELDS.keySet());
        }
        Object[] args = new Object[FIELDS.length];
        Class<?>[] types = new Class<?>[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            types[i] = FIELDS[i].getType();
            String name = FIELDS[i].getName();
            args[i] = n.has(name) ? convert(FIELDS[i], n.get(name)) : LATER_FIELDS.get(name);
        }
        try {
            return AutoencoderConfig.class.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object convert(RecordComponent f, JsonNode v) {
        String name = f.getName();
        if (f.getType() == int.class) {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new IllegalArgumentException("'" + name + "' must be an integer, got " + v);
            }
            return v.intValue();
        }
        if (f.getType() == double.class) {
            if (!v.isNumber()) {
                throw new IllegalArgumentException("'" + name + "' must be a number, got " + v);
            }
            return v.doubleValue();
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("'" + name + "' must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    private static Object value(RecordComponent f, AutoencoderConfig cfg) {
        try {
            return f.getAccessor().invoke(cfg);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names() {
        List<String> out = new ArrayList<>();
        for (RecordComponent f : FIELDS) {
            out.add(f.getName());
        }
        return out;
    }
}
