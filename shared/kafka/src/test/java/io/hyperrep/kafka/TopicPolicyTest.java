package io.hyperrep.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TopicPolicyTest {

    @Test
    void shouldRefuseMoreInSyncReplicasThanReplicas() {
        var e = assertThrows(
                KafkaConfigException.class, () -> new TopicPolicy(4, OptionalInt.of(2), OptionalInt.of(3), true));
        assertTrue(e.getMessage().contains("kafka.topics.min.insync.replicas"), e.getMessage());
    }

    @Test
    void shouldReadTheTopicVariablesOfTheEnvironment() {
        // Kept apart (duplicates): alike in shape only to ClientOverridesTest's settings map; each case spells its own
        TopicPolicy p = TopicPolicy.fromEnvironment(Map.of(
                "HYPERREP_KAFKA_TOPICS_REPLICATION",
                "3",
                "HYPERREP_KAFKA_TOPICS_MIN_INSYNC_REPLICAS",
                "2",
                "HYPERREP_KAFKA_TOPICS_CREATE",
                "false"));
        assertEquals(new TopicPolicy(4, OptionalInt.of(3), OptionalInt.of(2), false), p);
        TopicPolicy defaults = TopicPolicy.fromEnvironment(Map.of());
        assertEquals(TopicPolicy.DEFAULT_PARTITIONS, defaults.partitions());
        assertEquals(
                6,
                TopicPolicy.fromEnvironment(Map.of("HYPERREP_KAFKA_PARTITIONS", "6"))
                        .partitions());
        assertTrue(defaults.create());
        assertFalse(defaults.replication().isPresent(), "unset: the broker's default.replication.factor");
    }
}
