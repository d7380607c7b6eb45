package io.hyperrep.service.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.kafka.SecretKeys;
import io.hyperrep.service.settings.Setting;
import io.hyperrep.service.settings.SettingPrefix;
import io.hyperrep.service.settings.SettingsRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Layered service configuration with dotted lower-case keys ({@code ingest.snapshot.models}; words
 * are never joined by dashes, so every key has exactly one environment name): defaults in
 * code, then a JSON file (nested objects or dotted keys), then environment variables
 * ({@code HYPERREP_INGEST_SNAPSHOT_MODELS}), then command-line overrides. Every key must be declared in the
 * {@link SettingsRegistry}: an unknown one (a typo) is refused as it is added, naming the nearest known key,
 * and so is a value that does not fit its declaration, with the key, the value and where it came from.
 * Reads go through the declarations ({@link #get(Setting)}), which hold the defaults.
 */
public final class Settings {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Settings.class);

    private record Value(String text, String origin) {}

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
            throw new ConfigException("config file " + file + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("config file " + file + " must hold a JSON object");
        }
        Map<String, Value> layer = new TreeMap<>();
        flatten("", root, layer, "file " + file);
        return overlay(layer);
    }

    /**
     * Overlays {@code HYPERREP_*} variables: {@code HYPERREP_KAFKA_BOOTSTRAP} sets {@code kafka.bootstrap}. The variables
     * that are not settings ({@link SettingsRegistry#OTHER_VARIABLES}) are left alone, and so are empty ones (what
     * {@code ${X:-}} in a compose file gives for an unset X); any other names an unknown setting and is refused.
     */
    public Settings withEnvironment(Map<String, String> env) {
        Map<String, Value> layer = new TreeMap<>();
        new TreeMap<>(env).forEach((k, v) -> {
            if (k.startsWith(SettingsRegistry.ENV_PREFIX) && !SettingsRegistry.isOtherVariable(k) && !v.isBlank()) {
                put(layer, SettingsRegistry.keyOf(k), v, "environment " + k, true);
            }
        });
        return overlay(layer);
    }

    /** Overlays explicit values (command-line flags); null values are ignored. */
    public Settings with(Map<String, ?> overrides, String origin) {
        Map<String, Value> layer = new TreeMap<>();
        new TreeMap<>(overrides).forEach((k, v) -> {
            if (v != null) {
                put(layer, k, String.valueOf(v), origin, false);
            }
        });
        return overlay(layer);
    }

    public Settings with(String key, Object value) {
        Map<String, Object> one = new HashMap<>();
        one.put(key, value);
        return with(one, "code");
    }

    private Settings overlay(Map<String, Value> layer) {
        Map<String, Value> m = new TreeMap<>(values);
        m.putAll(layer);
        return new Settings(m);
    }

    /**
     * Adds one key of a layer, checked against its declaration. A deprecated milliseconds key ({@code trainer.retry.pause.ms})
     * becomes its duration ({@code trainer.retry.pause}) with a warning.
     */
    private static void put(Map<String, Value> layer, String key, String text, String origin, boolean fromEnvironment) {
        var aliased = SettingsRegistry.byMillisAlias(key);
        if (aliased.isPresent()) {
            String target = aliased.get().key();
            long millis;
            try {
                millis = Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                millis = -1;
            }
            if (millis < 0) {
                throw bad(
                        key,
                        new Value(text, origin),
                        "must be a whole number of milliseconds (or set " + target + " to a duration such as 5s)");
            }
            LOG.warn(
                    "setting '{}' (from {}) is deprecated: set '{}' to a duration such as 5s instead",
                    key,
                    origin,
                    target);
            put(layer, target, millis + "ms", origin + " as " + key, fromEnvironment);
            return;
        }
        if (!SettingsRegistry.isKnown(key)) {
            throw new ConfigException(unknown(key, origin, fromEnvironment));
        }
        Value v = new Value(text, origin);
        SettingsRegistry.find(key).ifPresent(s -> parse(s, v));
        Value before = layer.put(key, v);
        if (before != null) {
            throw new ConfigException(
                    "setting '" + key + "' is given twice: by " + before.origin() + " and by " + origin);
        }
    }

    private static String unknown(String key, String origin, boolean fromEnvironment) {
        String hint = SettingsRegistry.nearest(key)
                .map(n -> " (did you mean '" + n + "'"
                        + (fromEnvironment ? ", " + SettingsRegistry.environmentName(n) : "") + "?)")
                .orElse("");
        return "unknown setting '" + key + "'" + hint + " from " + origin + "; every setting"
                + (fromEnvironment ? " and the HYPERREP_ variables that are not settings" : "")
                + " are listed in docs/OPERATIONS.md";
    }

    /**
     * The settings under a pass-through prefix, keyed by the rest of their name ({@code kafka.client.} gives
     * {@code security.protocol} for {@code kafka.client.security.protocol}).
     */
    public Map<String, String> withPrefix(SettingPrefix prefix) {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> {
            if (prefix.covers(k)) {
                m.put(k.substring(prefix.prefix().length()), v.text());
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
        values.forEach((k, v) -> b.append(k)
                .append(" = ")
                .append(SecretKeys.shown(k, v.text()))
                .append("  (")
                .append(v.origin())
                .append(")\n"));
        return b.toString();
    }

    /** The value of {@code setting}, else its default; one without a default must be set. */
    public <T> T get(Setting<T> setting) {
        return find(setting)
                .or(setting::fallback)
                .orElseThrow(() -> new ConfigException("missing setting '" + setting.key() + "' (file key "
                        + setting.key() + " or environment " + setting.environmentName() + ")"));
    }

    /** The value of {@code setting} if one is set (its default not considered). */
    public <T> Optional<T> find(Setting<T> setting) {
        Value v = values.get(setting.key());
        return v == null ? Optional.empty() : Optional.of(parse(setting, v));
    }

    private static <T> T parse(Setting<T> setting, Value v) {
        try {
            return setting.type().parse(v.text());
        } catch (IllegalArgumentException e) {
            throw bad(setting.key(), v, e.getMessage());
        }
    }

    private static ConfigException bad(String key, Value v, String what) {
        return new ConfigException(
                "setting '" + key + "' = '" + SecretKeys.shown(key, v.text()) + "' (from " + v.origin() + ") " + what);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Value> out, String origin) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                flatten(key, e.getValue(), out, origin);
            } else if (e.getValue().isValueNode()) {
                put(out, key, e.getValue().asText(), origin, false);
            } else {
                throw new ConfigException(
                        "config " + origin + ": '" + key + "' must be a value or an object, not an array");
            }
        }
    }
}
