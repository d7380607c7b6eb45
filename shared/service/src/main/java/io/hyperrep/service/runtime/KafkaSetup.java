package io.hyperrep.service.runtime;

import io.hyperrep.kafka.ClientOverrides;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.KafkaConfigException;
import io.hyperrep.kafka.TopicPolicy;
import java.util.OptionalInt;

/**
 * A service's Kafka settings: {@code kafka.bootstrap} and the {@code kafka.client.*} pass-through become
 * its {@link KafkaClients}; {@code kafka.partitions} and {@code kafka.topics.*} its {@link TopicPolicy}.
 */
public final class KafkaSetup {

    private KafkaSetup() {
    }

    public static KafkaClients clients(Settings s) {
        try {
            return KafkaClients.of(s.requiredString("kafka.bootstrap"), ClientOverrides.of(s.withPrefix(ClientOverrides.PREFIX)));
        } catch (KafkaConfigException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    public static TopicPolicy topics(Settings s) {
        int partitions = s.integer("kafka.partitions", 4, 1, 1024);
        OptionalInt replication = s.find("kafka.topics.replication").isPresent()
                ? OptionalInt.of(s.integer("kafka.topics.replication", 1, 1, Short.MAX_VALUE)) : OptionalInt.empty();
        OptionalInt minInsync = s.find("kafka.topics.min.insync.replicas").isPresent()
                ? OptionalInt.of(s.integer("kafka.topics.min.insync.replicas", 1, 1, Short.MAX_VALUE)) : OptionalInt.empty();
        try {
            return new TopicPolicy(partitions, replication, minInsync, s.bool("kafka.topics.create", true));
        } catch (KafkaConfigException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
