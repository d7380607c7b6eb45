package io.hyperrep.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The one place hyperrep's Kafka clients are configured, so that no client misses the operator's
 * settings: a broker address plus {@link ClientOverrides} ({@code kafka.client.*}). Every configuration
 * is built in three layers: hyperrep's defaults ({@link KafkaSettings}), then the overrides (verbatim,
 * secret references resolved), then what the calling service needs of that one client ({@code tweaks},
 * e.g. the trainer's one record per poll). The Vert.x clients of the services take the same maps
 * ({@code io.hyperrep.service.runtime.VertxKafka}); nothing else creates a client (a test in deploy/launcher
 * checks the sources).
 */
public final class KafkaClients {

    private final String bootstrap;
    private final ClientOverrides overrides;

    private KafkaClients(String bootstrap, ClientOverrides overrides) {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new KafkaConfigException("no Kafka bootstrap servers given (kafka.bootstrap, --bootstrap)");
        }
        this.bootstrap = bootstrap;
        this.overrides = Objects.requireNonNull(overrides);
    }

    /** Clients of {@code bootstrap} with hyperrep's defaults only (plaintext, no authentication). */
    public static KafkaClients of(String bootstrap) {
        return new KafkaClients(bootstrap, ClientOverrides.none());
    }

    public static KafkaClients of(String bootstrap, ClientOverrides overrides) {
        return new KafkaClients(bootstrap, overrides);
    }

    /** Clients of {@code bootstrap} with the {@code HYPERREP_KAFKA_CLIENT_*} variables of this process. */
    public static KafkaClients fromEnvironment(String bootstrap) {
        return of(bootstrap, ClientOverrides.fromEnvironment(System.getenv()));
    }

    public String bootstrap() {
        return bootstrap;
    }

    public ClientOverrides overrides() {
        return overrides;
    }

    /** An idempotent acks=all producer's configuration ({@link KafkaSettings#producer}), then the overrides. */
    public Map<String, Object> producerConfig(String clientId) {
        return layered(KafkaSettings.producer(bootstrap, clientId), Map.of());
    }

    /**
     * A consumer's configuration ({@link KafkaSettings#consumer}), then the overrides, then {@code tweaks}.
     *
     * @param group the consumer group, or null for a consumer that only assigns partitions and commits nothing
     */
    public Map<String, Object> consumerConfig(String group, String clientId, Map<String, ?> tweaks) {
        Map<String, Object> base = KafkaSettings.consumer(bootstrap, group == null ? "unused" : group, clientId);
        if (group == null) {
            base.remove(ConsumerConfig.GROUP_ID_CONFIG);
        }
        return layered(base, tweaks);
    }

    public Map<String, Object> consumerConfig(String group, String clientId) {
        return consumerConfig(group, clientId, Map.of());
    }

    public Map<String, Object> adminConfig() {
        return layered(KafkaSettings.admin(bootstrap), Map.of());
    }

    public KafkaProducer<String, byte[]> producer(String clientId) {
        return new KafkaProducer<>(producerConfig(clientId));
    }

    public KafkaConsumer<String, byte[]> consumer(String group, String clientId, Map<String, ?> tweaks) {
        return new KafkaConsumer<>(consumerConfig(group, clientId, tweaks));
    }

    public KafkaConsumer<String, byte[]> consumer(String group, String clientId) {
        return consumer(group, clientId, Map.of());
    }

    public Admin admin() {
        return Admin.create(adminConfig());
    }

    private Map<String, Object> layered(Map<String, Object> base, Map<String, ?> tweaks) {
        Map<String, Object> c = new HashMap<>(base);
        c.putAll(overrides.resolved());
        c.putAll(tweaks);
        return c;
    }

    /** The address and the overrides with secrets masked: safe to log. */
    @Override
    public String toString() {
        return bootstrap + (overrides.isEmpty() ? "" : " (" + overrides.describe() + ")");
    }
}
