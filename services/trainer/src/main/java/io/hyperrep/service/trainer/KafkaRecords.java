package io.hyperrep.service.trainer;

import io.hyperrep.events.CloudEventHeaders;
import io.hyperrep.events.DeadLetterHeaders;
import io.hyperrep.events.JsonEventCodec;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Instant;

/** Building the records the trainer writes: events with CloudEvents headers, and dead letters. */
final class KafkaRecords {

    private KafkaRecords() {
    }

    static <T extends Record> KafkaProducerRecord<String, byte[]> event(String topic, String key, String id, String source,
                                                                         JsonEventCodec<T> codec, T event) {
        KafkaProducerRecord<String, byte[]> r = KafkaProducerRecord.create(topic, key, codec.encode(event));
        new CloudEventHeaders(id, codec.eventType(), source, Instant.now(), "application/json").asMap().forEach(r::addHeader);
        return r;
    }

    static KafkaProducerRecord<String, byte[]> deadLetter(KafkaConsumerRecord<String, byte[]> in, String reason, String message,
                                                          Throwable error, String instance) {
        KafkaProducerRecord<String, byte[]> out = KafkaProducerRecord.create(in.topic() + ".dlt", in.key(), in.value());
        in.headers().forEach(out::addHeader);
        out.addHeader(DeadLetterHeaders.REASON, reason)
                .addHeader(DeadLetterHeaders.MESSAGE, message == null ? "" : message)
                .addHeader(DeadLetterHeaders.ERROR_CLASS, error == null ? "" : error.getClass().getName())
                .addHeader(DeadLetterHeaders.SOURCE_TOPIC, in.topic())
                .addHeader(DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(in.partition()))
                .addHeader(DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(in.offset()))
                .addHeader(DeadLetterHeaders.REJECTED_BY, instance);
        return out;
    }
}
