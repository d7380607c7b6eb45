package io.hyperrep.service.runtime;

import io.hyperrep.kafka.ClientOverrides;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.KafkaConfigException;
import io.hyperrep.kafka.TopicAdmin;
import io.hyperrep.kafka.TopicPolicy;
import io.hyperrep.service.settings.CommonKeys;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A service's Kafka settings: {@code kafka.bootstrap} and the {@code kafka.client.*} pass-through become
 * its {@link KafkaClients}; {@code kafka.partitions} and {@code kafka.topics.*} its {@link TopicPolicy}.
 */
public final class KafkaSetup {

    private KafkaSetup() {}

    public static KafkaClients clients(Settings s) {
        try {
            return KafkaClients.of(
                    s.get(CommonKeys.KAFKA_BOOTSTRAP), ClientOverrides.of(s.withPrefix(CommonKeys.KAFKA_CLIENT)));
        } catch (KafkaConfigException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    public static TopicPolicy topics(Settings s) {
        OptionalInt replication =
                s.find(CommonKeys.KAFKA_TOPICS_REPLICATION).map(OptionalInt::of).orElse(OptionalInt.empty());
        OptionalInt minInsync = s.find(CommonKeys.KAFKA_TOPICS_MIN_INSYNC_REPLICAS)
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
        try {
            return new TopicPolicy(
                    s.get(CommonKeys.KAFKA_PARTITIONS), replication, minInsync, s.get(CommonKeys.KAFKA_TOPICS_CREATE));
        } catch (KafkaConfigException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * Creates the catalogue's missing topics, or with creation off checks that they exist ({@link
     * TopicAdmin#ensureAllTopics}), as every service does before its clients start; blocking, so on a worker thread.
     */
    public static void createTopics(KafkaClients kafka, TopicPolicy topics) {
        try (TopicAdmin admin = TopicAdmin.connect(kafka, Duration.ofSeconds(30))) {
            admin.ensureAllTopics(topics);
        }
    }
}
