package io.hyperrep.service.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting hyperrep knows, in the order of the settings table (docs/OPERATIONS.md, generated from here
 * by {@link SettingsTable}): what a config file, a {@code HYPERREP_*} variable or a flag may set, so that a
 * key nobody reads is refused at start instead of silently falling back to its default.
 */
public final class SettingsRegistry {

    public static final String ENV_PREFIX = "HYPERREP_";

    /** A group of the settings table. */
    public record Section(String title, List<Setting<?>> settings) {}

    public static final List<Section> SECTIONS = List.of(
            new Section("Common", CommonKeys.ALL),
            new Section("Ingest", IngestKeys.ALL),
            new Section("Trainer and planner", TrainerKeys.ALL),
            new Section("Sampler", SamplerKeys.ALL),
            new Section("Evaluator", EvaluatorKeys.ALL));

    public static final List<SettingPrefix> PREFIXES = List.of(CommonKeys.KAFKA_CLIENT);

    /** A {@code HYPERREP_*} variable that is not a setting, and what reads it. */
    public record OtherVariable(String name, String use) {}

    /** Left alone by the settings rather than refused as unknown ones. */
    public static final List<OtherVariable> OTHER_VARIABLES = List.of(
            new OtherVariable(
                    "HYPERREP_JAVA_OPTS", "JVM options of the launcher `hyperrep` and of deploy/entrypoint.sh"),
            new OtherVariable("HYPERREP_ND4J_BUILD", "the ND4J native build, chosen before ND4J loads"),
            new OtherVariable("HYPERREP_HOME", "the built repository deploy/entrypoint.sh runs"),
            new OtherVariable(
                    "HYPERREP_API_TOKEN",
                    "the token docker-compose.yml hands to the services as `HYPERREP_HTTP_AUTH_TOKENS`"),
            new OtherVariable(
                    "HYPERREP_FASHION_MNIST_DIR",
                    "the Fashion-MNIST directory of the commands, and of the services without `data.dir`"),
            new OtherVariable("HYPERREP_CHROMIUM", "the headless Chromium of the browser tests"),
            new OtherVariable("HYPERREP_EMU_DIR", "the work directory of .ci/emulated-cpus"));

    private static final Map<String, Setting<?>> BY_KEY = new LinkedHashMap<>();
    private static final Map<String, Setting<Duration>> BY_MILLIS_ALIAS = new LinkedHashMap<>();

    static {
        for (Section section : SECTIONS) {
            for (Setting<?> s : section.settings()) {
                if (BY_KEY.put(s.key(), s) != null) {
                    throw new IllegalStateException("setting " + s.key() + " declared twice");
                }
                s.millisAlias().ifPresent(alias -> {
                    @SuppressWarnings("unchecked")
                    Setting<Duration> d = (Setting<Duration>) s;
                    BY_MILLIS_ALIAS.put(alias, d);
                });
            }
        }
    }

    private SettingsRegistry() {}

    public static List<Setting<?>> all() {
        return List.copyOf(BY_KEY.values());
    }

    public static Optional<Setting<?>> find(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** The duration setting whose deprecated milliseconds key {@code key} is ({@code trainer.retry.pause.ms}). */
    public static Optional<Setting<Duration>> byMillisAlias(String key) {
        return Optional.ofNullable(BY_MILLIS_ALIAS.get(key));
    }

    /** Under a pass-through prefix ({@code kafka.client.*}). */
    public static boolean passesThrough(String key) {
        return PREFIXES.stream().anyMatch(p -> p.covers(key));
    }

    public static boolean isOtherVariable(String variable) {
        return OTHER_VARIABLES.stream().anyMatch(v -> v.name().equals(variable));
    }

    public static boolean isKnown(String key) {
        return BY_KEY.containsKey(key) || BY_MILLIS_ALIAS.containsKey(key) || passesThrough(key);
    }

    /** The key a {@code HYPERREP_*} variable sets: {@code HYPERREP_INGEST_SNAPSHOT_QUIET} is {@code ingest.snapshot.quiet}. */
    public static String keyOf(String variable) {
        return variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public static String environmentName(String key) {
        return Setting.environmentName(key);
    }

    /** The declared key nearest to a mistyped one, if one is near enough to be what was meant. */
    public static Optional<String> nearest(String key) {
        List<String> candidates = new ArrayList<>(BY_KEY.keySet());
        candidates.addAll(BY_MILLIS_ALIAS.keySet());
        return NearestKey.among(key, candidates);
    }
}
