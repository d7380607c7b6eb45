package io.hyperrep.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Finds a record by key in a topic without an index: the partition Kafka's default partitioner gives
 * the key (murmur2, as every hyperrep producer writes) is read from its start, and the first record
 * with the key is the answer (the one the registry keeps, too). A producer with another partitioner
 * puts keys elsewhere, so when that partition lacks the key the others are read as well. The cost is
 * a read of the partition, which tools that find one model (reproduce, export) can afford. Blocking.
 */
public final class KeyedRecords {

    /** The first record of a key and where it is. */
    public record Found(String key, byte[] value, int partition, long offset) {}

    private KeyedRecords() {}

    /**
     * @throws KafkaUnavailableException when the topic cannot be read within {@code timeout}
     */
    public static Optional<Found> first(KafkaClients kafka, String topic, String key, Duration timeout) {
        return first(kafka, topic, key, v -> true, timeout);
    }

    /**
     * The first record with {@code key} whose value {@code accepts} (e.g. one version among a zoo's,
     * which share the key).
     *
     * @throws KafkaUnavailableException when the topic cannot be read within {@code timeout}
     */
    public static Optional<Found> first(
            KafkaClients kafka,
            String topic,
            String key,
            java.util.function.Predicate<byte[]> accepts,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(null, "hyperrep-keyed-records")) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new KafkaUnavailableException("topic " + topic + " does not exist");
            }
            int home = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % infos.size();
            List<Integer> order = new ArrayList<>();
            order.add(home);
            infos.stream()
                    .map(PartitionInfo::partition)
                    .filter(p -> p != home)
                    .sorted()
                    .forEach(order::add);
            for (int p : order) {
                Optional<Found> f = scan(consumer, new TopicPartition(topic, p), key, accepts, deadline, timeout);
                if (f.isPresent()) {
                    return f;
                }
            }
            return Optional.empty();
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new KafkaUnavailableException("cannot read " + topic + ": " + e.getMessage());
        }
    }

    private static Optional<Found> scan(
            KafkaConsumer<String, byte[]> consumer,
            TopicPartition tp,
            String key,
            java.util.function.Predicate<byte[]> accepts,
            long deadline,
            Duration timeout) {
        consumer.assign(List.of(tp));
        long end = consumer.endOffsets(List.of(tp), timeout).getOrDefault(tp, 0L);
        consumer.seekToBeginning(List.of(tp));
        while (consumer.position(tp, timeout) < end) {
            if (System.nanoTime() > deadline) {
                throw new KafkaUnavailableException(
                        "reading " + tp + " did not finish within " + timeout.toSeconds() + " s");
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(r.key()) && r.value() != null && accepts.test(r.value())) {
                    return Optional.of(new Found(r.key(), r.value(), r.partition(), r.offset()));
                }
            }
        }
        return Optional.empty();
    }
}
