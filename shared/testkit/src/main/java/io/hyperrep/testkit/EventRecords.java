package io.hyperrep.testkit;

import io.hyperrep.events.CloudEventHeaders;
import io.hyperrep.events.JsonEventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Pipeline events as the services publish them, for tests that play a service's part. */
public final class EventRecords {

    private EventRecords() {}

    /** The CloudEvents headers of an event of {@code codec}'s type, with a fresh id. */
    public static <T extends Record> Map<String, String> headers(JsonEventCodec<T> codec) {
        return headers(codec, UUID.randomUUID().toString());
    }

    /** The CloudEvents headers of an event of {@code codec}'s type with this id. */
    public static <T extends Record> Map<String, String> headers(JsonEventCodec<T> codec, String id) {
        return new CloudEventHeaders(id, codec.eventType(), "/test", Instant.now(), "application/json").asMap();
    }

    /** {@code e} as a record of {@code topic}: the JSON value and CloudEvents headers beside it. */
    public static <T extends Record> ProducerRecord<String, byte[]> event(
            String topic, String key, JsonEventCodec<T> codec, T e) {
        return record(topic, key, codec.encode(e), headers(codec));
    }

    /** A record with these headers (any value: tests also send what a service must refuse). */
    public static ProducerRecord<String, byte[]> record(
            String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }
}
