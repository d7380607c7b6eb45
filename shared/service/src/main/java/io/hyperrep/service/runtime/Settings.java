package io.hyperrep.service.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.kafka.SecretKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Layered service configuration with dotted lower-case keys ({@code ingest.snapshot.models}; words
 * are never joined by dashes, so every key has exactly one environment name): defaults in
 * code, then a JSON file (nested objects or dotted keys), then environment variables
 * ({@code HYPERREP_INGEST_SNAPSHOT_MODELS}), then command-line overrides. Every typed read
 * validates and names the key and where its value came from when it is wrong.
 */
public final class Settings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Value(String text, String origin) {
    }

    private final Map<String, Value> values;

    private Settings(Map<String, Value> values) {
        this.values = values;
    }

    public static Settings empty() {
        return new Settings(new TreeMap<>());
    }

    /** Reads a JSON config file; a missing or malformed file is a {@link ConfigException}. */
    public Settings withFile(Path file) {
        if (file == null) {
            return this;
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("config file " + file + " must hold a JSON object");
        }
        Map<String, Value> m = new TreeMap<>(values);
        flatten("", root, m, "file " + file);
        return new Settings(m);
    }

    /** Overlays {@code HYPERREP_*} variables: {@code HYPERREP_KAFKA_BOOTSTRAP} sets {@code kafka.bootstrap}. */
    public Settings withEnvironment(Map<String, String> env) {
        Map<String, Value> m = new TreeMap<>(values);
        env.forEach((k, v) -> {
            if (k.startsWith("HYPERREP_") && !k.equals("HYPERREP_JAVA_OPTS") && !k.equals("HYPERREP_ND4J_BUILD")) {
                String key = k.substring("HYPERREP_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
                m.put(key, new Value(v, "environment " + k));
            }
        });
        return new Settings(m);
    }

    /** Overlays explicit values (command-line flags); null values are ignored. */
    public Settings with(Map<String, ?> overrides, String origin) {
        Map<String, Value> m = new TreeMap<>(values);
        overrides.forEach((k, v) -> {
            if (v != null) {
                m.put(k, new Value(String.valueOf(v), origin));
            }
        });
        return new Settings(m);
    }

    public Settings with(String key, Object value) {
        Map<String, Object> one = new HashMap<>();
        one.put(key, value);
        return with(one, "code");
    }

    /**
     * The settings under {@code prefix}, keyed by the rest of their name ({@code kafka.client.} gives
     * {@code security.protocol} for {@code kafka.client.security.protocol}).
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k.substring(prefix.length()), v.text());
            }
        });
        return m;
    }

    /**
     * Every setting with its value and where it came from, one per line, secrets masked
     * ({@link SecretKeys}): what a process may log at start.
     */
    public String describe() {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(k).append(" = ").append(SecretKeys.shown(k, v.text())).append("  (").append(v.origin()).append(")\n"));
        return b.toString();
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key)).map(Value::text);
    }

    public String string(String key, String fallback) {
        return find(key).orElse(fallback);
    }

    public String requiredString(String key) {
        return find(key).orElseThrow(() -> new ConfigException("missing setting '" + key + "' (file key " + key
                + " or environment HYPERREP_" + key.toUpperCase(Locale.ROOT).replace('.', '_') + ")"));
    }

    public int integer(String key, int fallback, int min, int max) {
        Value v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v.text().trim());
            if (i < min || i > max) {
                throw bad(key, v, "must be between " + min + " and " + max);
            }
            return i;
        } catch (NumberFormatException e) {
            throw bad(key, v, "must be an integer");
        }
    }

    public double number(String key, double fallback, double min, double max) {
        Value v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.text().trim());
            if (!(d >= min && d <= max)) {
                throw bad(key, v, "must be between " + min + " and " + max);
            }
            return d;
        } catch (NumberFormatException e) {
            throw bad(key, v, "must be a number");
        }
    }

    public boolean bool(String key, boolean fallback) {
        Value v = values.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.text().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw bad(key, v, "must be true or false");
        };
    }

    /** A duration like {@code 500ms}, {@code 10s}, {@code 5m} or an ISO-8601 {@code PT10S}. */
    public Duration duration(String key, Duration fallback) {
        Value v = values.get(key);
        if (v == null) {
            return fallback;
        }
        String t = v.text().trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("pt")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            } else if (t.endsWith("m")) {
                d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
            } else {
                throw bad(key, v, "must be a duration such as 500ms, 10s or 5m");
            }
            if (d.isNegative()) {
                throw bad(key, v, "must not be negative");
            }
            return d;
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            throw bad(key, v, "must be a duration such as 500ms, 10s or 5m");
        }
    }

    private static ConfigException bad(String key, Value v, String what) {
        return new ConfigException("setting '" + key + "' = '" + SecretKeys.shown(key, v.text()) + "' (from " + v.origin() + ") " + what);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Value> out, String origin) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            var e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                flatten(key, e.getValue(), out, origin);
            } else if (e.getValue().isValueNode()) {
                out.put(key, new Value(e.getValue().asText(), origin));
            } else {
                throw new ConfigException("config " + origin + ": '" + key + "' must be a value or an object, not an array");
            }
        }
    }
}
