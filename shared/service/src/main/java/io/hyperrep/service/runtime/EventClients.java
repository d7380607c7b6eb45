package io.hyperrep.service.runtime;

import io.hyperrep.kafka.KafkaClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer and producer of a service that turns records into records, set up alike: both log their
 * errors as warnings and publish their client meters ({@link KafkaClientMeters}) under the service's name, and
 * {@link #close()} ends them in the order a stopping verticle needs.
 */
public final class EventClients {

    private static final Logger LOG = LoggerFactory.getLogger(EventClients.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaClientMeters meters;

    private EventClients(
            KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, byte[]> producer, KafkaClientMeters meters) {
        // Kept apart (duplicates): a constructor that stores its collaborators, one assignment a field.
        this.consumer = consumer;
        this.producer = producer;
        this.meters = meters;
    }

    /**
     * Both clients of the service called {@code name} (in logs, meter tags and the client id
     * {@code <instance>-<name>}); the consumer in {@code group} with the service's {@code consumerTweaks} (see
     * {@link VertxKafka#consumer}).
     */
    public static EventClients open(
            Vertx vertx,
            ServiceContext service,
            KafkaClients kafka,
            String name,
            String group,
            Map<String, ?> consumerTweaks) {
        String clientId = service.instanceId() + "-" + name;
        KafkaProducer<String, byte[]> producer = VertxKafka.producer(vertx, kafka, clientId);
        producer.exceptionHandler(e -> LOG.warn("{} producer: {}", name, e.toString()));
        KafkaConsumer<String, byte[]> consumer = VertxKafka.consumer(vertx, kafka, group, clientId, consumerTweaks);
        consumer.exceptionHandler(e -> LOG.warn("{} consumer: {}", name, e.toString()));
        return new EventClients(
                consumer, producer, KafkaClientMeters.bind(service.registry(), name, consumer, producer));
    }

    public KafkaConsumer<String, byte[]> consumer() {
        return consumer;
    }

    public KafkaProducer<String, byte[]> producer() {
        return producer;
    }

    /**
     * The consumer first (no more records to act on), then the producer (what they sent is flushed) even if the
     * consumer's close failed, then the meters, whether or not the clients closed cleanly. The result is the
     * consumer's close.
     */
    public Future<Void> close() {
        return consumer.close().eventually(() -> producer.close()).onComplete(ar -> meters.close());
    }

    /** Closes clients that may not have been opened (the verticle stopped before it had them). */
    public static Future<Void> close(EventClients clients) {
        return clients == null ? Future.succeededFuture() : clients.close();
    }
}
