package io.hyperrep.service.runtime;

import io.hyperrep.events.CloudEventHeaders;
import io.hyperrep.events.DeadLetterHeaders;
import io.hyperrep.events.JsonEventCodec;
import io.hyperrep.events.Topics;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The records services write (events with CloudEvents headers, dead letters) and the headers they read. */
public final class EventRecords {

    private EventRecords() {}

    /** An event of a record-shaped type, with its CloudEvents headers ({@code id} should be stable across retries). */
    public static <T extends Record> KafkaProducerRecord<String, byte[]> event(
            String topic, String key, String id, String source, JsonEventCodec<T> codec, T event) {
        KafkaProducerRecord<String, byte[]> r = KafkaProducerRecord.create(topic, key, codec.encode(event));
        new CloudEventHeaders(id, codec.eventType(), source, Instant.now(), "application/json")
                .asMap()
                .forEach(r::addHeader);
        return r;
    }

    /**
     * The input record, unchanged, for {@code <topic>.dlt}, with the {@link DeadLetterHeaders}: why it was
     * rejected and where it came from, so that it can be replayed once fixed.
     */
    public static KafkaProducerRecord<String, byte[]> deadLetter(
            KafkaConsumerRecord<String, byte[]> in, String reason, String message, String errorClass, String instance) {
        KafkaProducerRecord<String, byte[]> out =
                KafkaProducerRecord.create(Topics.deadLetter(in.topic()), in.key(), in.value());
        in.headers().forEach(out::addHeader);
        out.addHeader(DeadLetterHeaders.REASON, reason)
                .addHeader(DeadLetterHeaders.MESSAGE, message == null ? "" : message)
                .addHeader(DeadLetterHeaders.ERROR_CLASS, errorClass == null ? "" : errorClass)
                .addHeader(DeadLetterHeaders.SOURCE_TOPIC, in.topic())
                .addHeader(DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(in.partition()))
                .addHeader(DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(in.offset()))
                .addHeader(DeadLetterHeaders.REJECTED_BY, instance);
        return out;
    }

    /** A record's headers as UTF-8 strings (the last value wins for a repeated name). */
    public static Map<String, String> headers(List<KafkaHeader> hs) {
        Map<String, String> m = new HashMap<>();
        for (KafkaHeader h : hs) {
            m.put(h.key(), h.value() == null ? null : h.value().toString(StandardCharsets.UTF_8));
        }
        return m;
    }
}
