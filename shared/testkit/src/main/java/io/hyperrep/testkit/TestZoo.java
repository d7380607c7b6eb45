package io.hyperrep.testkit;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.Snapshot;
import io.hyperrep.events.SnapshotCodec;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.DatasetReader;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.TopicAdmin;
import io.hyperrep.kafka.TopicPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The small model zoo every integration test builds on: CNN-s checkpoints of models {@code 0..n-1} at
 * epochs {@code 1..e}, the same for the same zoo id, published as the pipeline holds them (the dataset
 * topic and the snapshot ingest would cut, or the inbox ingest reads).
 */
public final class TestZoo {

    /** The weights of one checkpoint. */
    @FunctionalInterface
    public interface Weights {
        float[] of(int model, int epoch);
    }

    private TestZoo() {}

    /** Models {@code 0..models-1} x epochs {@code 1..epochs} with random weights. */
    public static List<Checkpoint> checkpoints(String zooId, int models, int epochs) {
        return checkpoints(zooId, 0, models, epochs);
    }

    /** Models {@code fromModel..toModel-1} x epochs {@code 1..epochs} with random weights. */
    public static List<Checkpoint> checkpoints(String zooId, int fromModel, int toModel, int epochs) {
        return checkpoints(
                zooId, fromModel, toModel, epochs, (m, e) -> randomWeights(zooId.hashCode() * 31L + m * 7L + e));
    }

    /**
     * Models {@code fromModel..toModel-1} x epochs {@code 1..epochs} with these weights. The validation
     * accuracy grows with the model and the epoch, so the samplers' anchors are well defined.
     */
    public static List<Checkpoint> checkpoints(String zooId, int fromModel, int toModel, int epochs, Weights weights) {
        List<Checkpoint> out = new ArrayList<>();
        for (int m = fromModel; m < toModel; m++) {
            for (int e = 1; e <= epochs; e++) {
                out.add(new Checkpoint(
                        zooId,
                        String.format("m%04d", m),
                        m,
                        e,
                        "cnn-s",
                        Architectures.CNN_S.layoutHash(),
                        new CheckpointMetrics(0.5, 0.7, 0.6 + 0.01 * m + 0.001 * e, 0.7),
                        weights.of(m, e)));
            }
        }
        return out;
    }

    /** CNN-s weights drawn from N(0, 0.1^2). */
    public static float[] randomWeights(long seed) {
        Random r = new Random(seed);
        float[] w = new float[Architectures.CNN_S.parameterCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * 0.1);
        }
        return w;
    }

    /** Creates the pipeline's topics (4 partitions each) where they are missing. */
    public static void ensureTopics(String bootstrap) {
        try (TopicAdmin admin = TopicAdmin.connect(KafkaClients.of(bootstrap), Duration.ofSeconds(30))) {
            admin.ensureAllTopics(TopicPolicy.create(4));
        }
    }

    /**
     * Writes {@code checkpoints} (all of one zoo) to the dataset topic and then their snapshot, as
     * ingest would cut it at the topic's end; returns the snapshot.
     */
    public static Snapshot publish(String bootstrap, List<Checkpoint> checkpoints) throws Exception {
        ensureTopics(bootstrap);
        String zooId = checkpoints.get(0).zooId();
        try (KafkaProducer<String, byte[]> p = KafkaClients.of(bootstrap).producer("test-zoo")) {
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            for (Checkpoint c : checkpoints) {
                records.add(new ProducerRecord<>(Topics.DATASET, c.key(), CheckpointCodec.encode(c)));
            }
            sendAll(p, records);
            var offsets = new TreeMap<>(DatasetReader.endOffsets(KafkaClients.of(bootstrap), Topics.DATASET));
            TreeMap<Integer, Integer> perEpoch = new TreeMap<>();
            checkpoints.forEach(c -> perEpoch.merge(c.epoch(), 1, Integer::sum));
            Snapshot s = new Snapshot(
                    Snapshot.idOf(zooId, offsets),
                    zooId,
                    "cnn-s",
                    Topics.DATASET,
                    offsets,
                    checkpoints.size(),
                    (int) checkpoints.stream()
                            .map(Checkpoint::modelId)
                            .distinct()
                            .count(),
                    perEpoch,
                    "test",
                    Instant.now());
            sendAll(p, List.of(new ProducerRecord<>(Topics.SNAPSHOTS, zooId, SnapshotCodec.encode(s))));
            return s;
        }
    }

    /** Writes {@code checkpoints} to the inbox with their CloudEvents headers, as a training job uploads them. */
    public static void publishToInbox(String bootstrap, List<Checkpoint> checkpoints) throws Exception {
        try (KafkaProducer<String, byte[]> p = KafkaClients.of(bootstrap).producer("test-zoo-inbox")) {
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
            for (Checkpoint c : checkpoints) {
                ProducerRecord<String, byte[]> r =
                        new ProducerRecord<>(Topics.CHECKPOINTS, c.key(), CheckpointCodec.encode(c));
                CheckpointCodec.headers(c, Instant.now()).asMap().forEach((k, v) -> r.headers()
                        .add(k, v.getBytes(StandardCharsets.UTF_8)));
                records.add(r);
            }
            sendAll(p, records);
        }
    }

    /** Sends in order and waits until every record is written. */
    private static void sendAll(KafkaProducer<String, byte[]> p, List<ProducerRecord<String, byte[]>> records)
            throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        records.forEach(r -> sent.add(p.send(r)));
        p.flush();
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
    }
}
