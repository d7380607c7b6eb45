package io.hyperrep.service.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.List;

/**
 * A service's Kafka client meters ({@code kafka_consumer_*}, {@code kafka_producer_*}) in the host's
 * registry, tagged {@code client=<service>-consumer} and {@code client=<service>-producer}, until closed
 * (the verticle's {@code stop()}, after the clients are closed).
 */
public final class KafkaClientMeters implements AutoCloseable {

    private final List<KafkaClientMetrics> binders;

    private KafkaClientMeters(List<KafkaClientMetrics> binders) {
        this.binders = binders;
    }

    /** Binds the meters of {@code service}'s consumer and producer. */
    public static KafkaClientMeters bind(
            MeterRegistry registry, String service, KafkaConsumer<?, ?> consumer, KafkaProducer<?, ?> producer) {
        List<KafkaClientMetrics> binders = List.of(
                new KafkaClientMetrics(consumer.unwrap(), Tags.of("client", service + "-consumer")),
                new KafkaClientMetrics(producer.unwrap(), Tags.of("client", service + "-producer")));
        binders.forEach(b -> b.bindTo(registry));
        return new KafkaClientMeters(binders);
    }

    /** Closes a binding that may not have been made (the verticle stopped before its clients existed). */
    public static void close(KafkaClientMeters meters) {
        if (meters != null) {
            meters.close();
        }
    }

    @Override
    public void close() {
        binders.forEach(KafkaClientMetrics::close);
    }
}
