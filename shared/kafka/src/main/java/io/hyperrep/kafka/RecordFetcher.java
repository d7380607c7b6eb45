package io.hyperrep.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads single records by position (topic, partition, offset), for indexes that keep positions instead
 * of values (the registry keeps a model's position and reads its weights when asked). One consumer
 * without a group, shared by the calls one at a time. Blocking; call it from a worker thread.
 */
public final class RecordFetcher implements AutoCloseable {

    /** The record at a position: key and value (null for a tombstone). */
    public record Fetched(String key, byte[] value, long timestamp) {}

    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration timeout;

    public RecordFetcher(KafkaClients kafka, String clientId, Duration timeout) {
        this.consumer = kafka.consumer(null, clientId, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1));
        this.timeout = timeout;
    }

    /**
     * The record at {@code offset} of {@code topic}/{@code partition}; empty when there is none (compacted
     * away, or not written yet).
     *
     * @throws KafkaUnavailableException when the broker does not answer within the timeout
     */
    public synchronized Optional<Fetched> fetch(String topic, int partition, long offset) {
        TopicPartition tp = new TopicPartition(topic, partition);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), timeout).getOrDefault(tp, 0L);
            if (offset >= end) {
                return Optional.empty();
            }
            consumer.seek(tp, offset);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    // a compacted topic may have dropped the offset; then the first record after it comes back
                    return r.offset() == offset
                            ? Optional.of(new Fetched(r.key(), r.value(), r.timestamp()))
                            : Optional.empty();
                }
                if (consumer.position(tp, timeout) >= end) {
                    return Optional.empty();
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new KafkaUnavailableException("cannot read " + tp + "@" + offset + ": " + e.getMessage());
        }
        throw new KafkaUnavailableException(
                "reading " + tp + "@" + offset + " did not finish within " + timeout.toSeconds() + " s");
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
