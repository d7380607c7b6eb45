package io.hyperrep.service.runtime;

import io.hyperrep.kafka.KafkaClients;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.HashMap;
import java.util.Map;

/** The services' Vert.x Kafka clients, configured by {@link KafkaClients} like every other client. */
public final class VertxKafka {

    private VertxKafka() {}

    public static KafkaProducer<String, byte[]> producer(Vertx vertx, KafkaClients kafka, String clientId) {
        return KafkaProducer.create(vertx, asStrings(kafka.producerConfig(clientId)));
    }

    /** A consumer in {@code group}; {@code tweaks} are what this service needs of it (they win over everything). */
    public static KafkaConsumer<String, byte[]> consumer(
            Vertx vertx, KafkaClients kafka, String group, String clientId, Map<String, ?> tweaks) {
        return KafkaConsumer.create(vertx, asStrings(kafka.consumerConfig(group, clientId, tweaks)));
    }

    public static KafkaConsumer<String, byte[]> consumer(
            Vertx vertx, KafkaClients kafka, String group, String clientId) {
        return consumer(vertx, kafka, group, clientId, Map.of());
    }

    /** Vert.x's Kafka client takes its configuration as strings. */
    static Map<String, String> asStrings(Map<String, Object> config) {
        Map<String, String> s = new HashMap<>();
        config.forEach((k, v) -> s.put(k, String.valueOf(v)));
        return s;
    }
}
