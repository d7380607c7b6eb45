package io.hyperrep.kafka;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Operator-supplied Kafka client properties ({@code kafka.client.*} settings, {@code HYPERREP_KAFKA_CLIENT_*}
 * variables), given verbatim to every producer, consumer and admin client hyperrep creates: security
 * ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}), timeouts, tuning. Values may hold secret
 * references ({@link SecretReferences}), resolved each time a client is configured.
 *
 * <p>The properties hyperrep's guarantees rest on are refused rather than silently overridden: the
 * address ({@code kafka.bootstrap}), client and group ids, manual commits from the earliest offset,
 * acks=all with idempotence, and the record (de)serializers.
 */
public final class ClientOverrides {

    /** The settings prefix; {@code kafka.client.security.protocol} is the client property {@code security.protocol}. */
    public static final String PREFIX = "kafka.client.";

    static final String ENV_PREFIX = "HYPERREP_KAFKA_CLIENT_";

    static final Set<String> RESERVED = Set.of(
            "bootstrap.servers",
            "client.id",
            "group.id",
            "group.instance.id",
            "enable.auto.commit",
            "auto.offset.reset",
            "acks",
            "enable.idempotence",
            "transactional.id",
            "key.serializer",
            "value.serializer",
            "key.deserializer",
            "value.deserializer");

    private static final ClientOverrides NONE = new ClientOverrides(Map.of(), System::getenv);

    private final Map<String, String> raw;
    private final Function<String, String> environment;

    private ClientOverrides(Map<String, String> raw, Function<String, String> environment) {
        this.raw = Collections.unmodifiableMap(new TreeMap<>(raw));
        this.environment = environment;
    }

    public static ClientOverrides none() {
        return NONE;
    }

    /**
     * Client properties by their Kafka names (without the {@code kafka.client.} prefix).
     *
     * @throws KafkaConfigException for a reserved property, naming the setting to use instead
     */
    public static ClientOverrides of(Map<String, String> properties) {
        return of(properties, System::getenv);
    }

    static ClientOverrides of(Map<String, String> properties, Function<String, String> environment) {
        for (String k : properties.keySet()) {
            if (k.isBlank()) {
                throw new KafkaConfigException("setting '" + PREFIX + "' names no client property");
            }
            if (RESERVED.contains(k)) {
                throw new KafkaConfigException(
                        "setting '" + PREFIX + k + "' is refused: hyperrep sets '" + k + "' itself"
                                + (k.equals("bootstrap.servers")
                                        ? " from kafka.bootstrap (--bootstrap)"
                                        : " and its delivery guarantees depend on it"));
            }
        }
        return new ClientOverrides(properties, environment);
    }

    /**
     * The {@code HYPERREP_KAFKA_CLIENT_*} variables of {@code env}: {@code HYPERREP_KAFKA_CLIENT_SASL_JAAS_CONFIG}
     * is {@code sasl.jaas.config}. For the commands that take no settings file (zoo publish, zoo train
     * --publish, bench ingest, kafka tools).
     */
    public static ClientOverrides fromEnvironment(Map<String, String> env) {
        Map<String, String> p = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith(ENV_PREFIX) && k.length() > ENV_PREFIX.length()) {
                p.put(k.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        return of(p, env::get);
    }

    /** The properties as given, secret references unresolved. */
    public Map<String, String> properties() {
        return raw;
    }

    public boolean isEmpty() {
        return raw.isEmpty();
    }

    /** The properties with their secret references resolved: what goes into a client's configuration. */
    public Map<String, String> resolved() {
        return SecretReferences.resolveAll(raw, environment);
    }

    /** {@code key=value, ...} with secrets masked: safe to log. */
    public String describe() {
        StringJoiner j = new StringJoiner(", ");
        raw.forEach((k, v) -> j.add(k + "=" + SecretKeys.shown(k, v)));
        return j.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
