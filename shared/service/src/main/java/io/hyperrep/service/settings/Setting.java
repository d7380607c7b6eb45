package io.hyperrep.service.settings;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One configuration key, declared once ({@link SettingsRegistry}): its name, type and allowed values, default,
 * who reads it and what it means. Services read their settings through these declarations, so the default
 * and the range of a key live here and nowhere else.
 *
 * @param <T> the type of its value
 */
public final class Setting<T> {

    private final String key;
    private final SettingType<T> type;
    private final T fallback;
    private final String shownDefault;
    private final Set<Reader> readers;
    private final String doc;
    private final String millisAlias;

    private Setting(
            String key,
            SettingType<T> type,
            T fallback,
            String shownDefault,
            Set<Reader> readers,
            String doc,
            String millisAlias) {
        if (!key.matches("[a-z0-9]+(\\.[a-z0-9]+)+")) {
            // one environment name per key: dotted lower-case words, no dashes or underscores
            throw new IllegalArgumentException("setting keys are dotted lower-case words, got '" + key + "'");
        }
        this.key = key;
        this.type = Objects.requireNonNull(type);
        this.fallback = fallback;
        this.shownDefault = shownDefault;
        this.readers = Set.copyOf(readers);
        this.doc = doc;
        this.millisAlias = millisAlias;
    }

    /** A setting with a default. */
    public static <T> Setting<T> of(String key, SettingType<T> type, T fallback, Set<Reader> readers, String doc) {
        return new Setting<>(key, type, Objects.requireNonNull(fallback), type.format(fallback), readers, doc, null);
    }

    /**
     * A setting without a default value: unset means something else, described by {@code whenUnset} (the broker's
     * default, a derived value, "required").
     */
    public static <T> Setting<T> unset(
            String key, SettingType<T> type, String whenUnset, Set<Reader> readers, String doc) {
        return new Setting<>(key, type, null, whenUnset, readers, doc, null);
    }

    /**
     * A duration setting, also accepted under its older name {@code millisKey} holding an integer number of milliseconds
     * (deployments written before the key became a duration keep working; a warning names the new key).
     */
    public static Setting<Duration> alsoAsMillis(Setting<Duration> duration, String millisKey) {
        return new Setting<>(
                duration.key,
                duration.type,
                duration.fallback,
                duration.shownDefault,
                duration.readers,
                duration.doc,
                millisKey);
    }

    public String key() {
        return key;
    }

    public SettingType<T> type() {
        return type;
    }

    /** The default, if the setting has one. */
    public Optional<T> fallback() {
        return Optional.ofNullable(fallback);
    }

    /** The default as the settings table shows it. */
    public String shownDefault() {
        return shownDefault;
    }

    public Set<Reader> readers() {
        return readers;
    }

    public String doc() {
        return doc;
    }

    /** The deprecated milliseconds key of a duration, if it has one ({@link #alsoAsMillis}). */
    public Optional<String> millisAlias() {
        return Optional.ofNullable(millisAlias);
    }

    /** {@code HYPERREP_} + the key upper-cased with dots as underscores. */
    public String environmentName() {
        return environmentName(key);
    }

    static String environmentName(String key) {
        return SettingsRegistry.ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    @Override
    public String toString() {
        return key;
    }
}
