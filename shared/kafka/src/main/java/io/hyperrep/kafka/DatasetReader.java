package io.hyperrep.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Reads a compacted topic from the beginning up to given end offsets (exclusive) without a consumer
 * group, keeping the last record per key: the dataset as of a snapshot, or the whole topic as of now.
 * Blocking; call it from a worker thread.
 */
public final class DatasetReader {

    /** One record as the reader keeps it. A tombstone (null value) removes its key. */
    public record Entry(String key, Map<String, String> headers, byte[] value, int partition, long offset) {}

    private DatasetReader() {}

    /** The latest record per key among keys accepted by {@code keyFilter}, up to {@code endOffsets}, within 2 minutes. */
    public static List<Entry> read(
            KafkaClients kafka,
            String topic,
            Map<Integer, Long> endOffsets,
            Predicate<String> keyFilter,
            boolean withValues) {
        return read(kafka, topic, endOffsets, keyFilter, withValues, Duration.ofMinutes(2));
    }

    /**
     * As {@link #read(KafkaClients, String, Map, Predicate, boolean)}, giving up after {@code timeout}.
     *
     * @throws KafkaUnavailableException when the records up to {@code endOffsets} could not be read within {@code timeout}
     *                                   (broker unreachable, topic missing, offsets not there yet)
     */
    public static List<Entry> read(
            KafkaClients kafka,
            String topic,
            Map<Integer, Long> endOffsets,
            Predicate<String> keyFilter,
            boolean withValues,
            Duration timeout) {
        Map<String, Entry> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(null, "hyperrep-dataset-reader")) {
            List<TopicPartition> parts = new ArrayList<>();
            for (var e : endOffsets.entrySet()) {
                if (e.getValue() > 0) {
                    parts.add(new TopicPartition(topic, e.getKey()));
                }
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            parts.forEach(tp -> remaining.put(tp, endOffsets.get(tp.partition())));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaUnavailableException("reading " + topic + " up to " + endOffsets
                            + " did not finish within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long end = remaining.get(tp);
                    if (end == null || r.offset() >= end) {
                        continue;
                    }
                    if (r.key() != null && keyFilter.test(r.key())) {
                        if (r.value() == null) {
                            latest.remove(r.key());
                        } else {
                            latest.put(
                                    r.key(),
                                    new Entry(
                                            r.key(),
                                            headers(r.headers()),
                                            withValues ? r.value() : null,
                                            r.partition(),
                                            r.offset()));
                        }
                    }
                }
                for (TopicPartition tp : List.copyOf(remaining.keySet())) {
                    // bounded: an unknown topic would otherwise block here for the client's 60 s API timeout
                    long position;
                    try {
                        position = consumer.position(tp, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                    } catch (org.apache.kafka.common.errors.TimeoutException e) {
                        throw new KafkaUnavailableException(
                                "reading " + topic + " up to " + endOffsets + ": no position for " + tp + " within "
                                        + timeout.toSeconds() + " s (is the topic there?)");
                    }
                    if (position >= remaining.get(tp)) {
                        remaining.remove(tp);
                        consumer.pause(List.of(tp));
                    }
                }
            }
        }
        return new ArrayList<>(latest.values());
    }

    /** Current end offsets of every partition of {@code topic}. */
    public static Map<Integer, Long> endOffsets(KafkaClients kafka, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(null, "hyperrep-dataset-reader")) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(15))) {
                parts.add(new TopicPartition(topic, p.partition()));
            }
            Map<Integer, Long> out = new HashMap<>();
            consumer.endOffsets(parts, Duration.ofSeconds(15)).forEach((tp, o) -> out.put(tp.partition(), o));
            return out;
        }
    }

    private static Map<String, String> headers(Iterable<Header> hs) {
        Map<String, String> m = new HashMap<>();
        for (Header h : hs) {
            m.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return m;
    }
}
