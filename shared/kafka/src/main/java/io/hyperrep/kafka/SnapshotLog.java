package io.hyperrep.kafka;

import io.hyperrep.events.EventFormatException;
import io.hyperrep.events.Snapshot;
import io.hyperrep.events.SnapshotCodec;
import io.hyperrep.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Every dataset snapshot ever cut, by id, read from {@link Topics#SNAPSHOTS} without a consumer group.
 * The topic is keyed by zoo, so a reader that keeps the last record per key (as {@link DatasetReader}
 * does) would lose older snapshots that autoencoder versions still refer to. A snapshot never changes,
 * so what was found once is kept; an unknown id makes {@link #find} read the topic again. Blocking;
 * call it from a worker thread. Thread-safe.
 */
public final class SnapshotLog {

    private final KafkaClients kafka;
    private final Map<String, Snapshot> byId = new ConcurrentHashMap<>();

    public SnapshotLog(KafkaClients kafka) {
        this.kafka = kafka;
    }

    /** The snapshot {@code id}, reading what the topic holds now if it is not known yet. */
    public Optional<Snapshot> find(String id) {
        Snapshot s = byId.get(id);
        if (s == null) {
            readAll().forEach(x -> byId.putIfAbsent(x.id(), x));
            s = byId.get(id);
        }
        return Optional.ofNullable(s);
    }

    /** Every well-formed snapshot in the topic now, in topic order; malformed records are skipped. */
    public List<Snapshot> readAll() {
        List<Snapshot> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(null, "hyperrep-snapshot-log")) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(Topics.SNAPSHOTS, Duration.ofSeconds(15))) {
                parts.add(new TopicPartition(Topics.SNAPSHOTS, p.partition()));
            }
            Map<TopicPartition, Long> remaining = new HashMap<>(consumer.endOffsets(parts, Duration.ofSeconds(15)));
            remaining.values().removeIf(end -> end == 0);
            consumer.assign(remaining.keySet());
            consumer.seekToBeginning(remaining.keySet());
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaUnavailableException(
                            "reading " + Topics.SNAPSHOTS + " did not finish within 1 minute");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Long end = remaining.get(new TopicPartition(r.topic(), r.partition()));
                    if (end != null && r.offset() < end && r.value() != null) {
                        try {
                            out.add(SnapshotCodec.decode(r.value()));
                        } catch (EventFormatException ignored) {
                            // not a snapshot anyone can use; its producer is the one to fix
                        }
                    }
                }
                for (TopicPartition tp : List.copyOf(remaining.keySet())) {
                    if (consumer.position(tp) >= remaining.get(tp)) {
                        remaining.remove(tp);
                        consumer.pause(List.of(tp));
                    }
                }
            }
        }
        return out;
    }
}
