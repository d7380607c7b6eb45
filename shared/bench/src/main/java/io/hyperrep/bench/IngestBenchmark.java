package io.hyperrep.bench;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.SnapshotCodec;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.ClientOverrides;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.TopicAdmin;
import io.hyperrep.kafka.TopicPolicy;
import io.hyperrep.service.runtime.ServiceContext;
import io.hyperrep.service.runtime.ServiceHost;
import io.hyperrep.service.runtime.Settings;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.vertx.core.Deployable;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code hyperrep bench ingest}: how fast checkpoints get from a publisher into a dataset snapshot.
 * Three measurements in one run against one broker: the baseline (Kafka alone: publish N records to
 * a scratch topic and consume them back), ingest throughput (publish N checkpoints as fast as possible,
 * stop the clock when the snapshot holding all N is published), and ingest latency at a steady rate
 * (record creation to dataset write acknowledged, p50/p99).
 */
public final class IngestBenchmark {

    private final List<Function<ServiceContext, Deployable>> ingestService;
    private final KafkaClients kafka;
    private final int checkpoints;
    private final int steadyRate;
    private final Duration steadyFor;

    /**
     * @param ingestService the verticles of the ingest service as {@code serve ingest} deploys them; the
     *                      launcher passes them in, so the benchmarks depend on no service module
     */
    public IngestBenchmark(
            List<Function<ServiceContext, Deployable>> ingestService,
            KafkaClients kafka,
            int checkpoints,
            int steadyRate,
            Duration steadyFor) {
        if (checkpoints < 1 || steadyRate < 1 || steadyFor.isNegative() || steadyFor.isZero()) {
            throw new IllegalArgumentException(
                    "bench ingest needs checkpoints >= 1, rate >= 1/s and a positive duration");
        }
        this.ingestService = List.copyOf(ingestService);
        this.kafka = kafka;
        this.checkpoints = checkpoints;
        this.steadyRate = steadyRate;
        this.steadyFor = steadyFor;
    }

    public void run(PrintStream out) throws Exception {
        out.printf(
                "bench ingest: %d CNN-s checkpoints (%.1f KB each), broker %s%n",
                checkpoints, CheckpointCodec.encode(checkpoint("size", 0, 0)).length / 1024.0, kafka);
        try (TopicAdmin admin = TopicAdmin.connect(kafka, Duration.ofSeconds(30))) {
            admin.ensureAllTopics(TopicPolicy.create(TopicPolicy.DEFAULT_PARTITIONS));
            admin.ensure(
                    "hyperrep.bench.raw",
                    TopicPolicy.DEFAULT_PARTITIONS,
                    Map.of("max.message.bytes", String.valueOf(Topics.TOPIC_MAX_MESSAGE_BYTES)));
        }
        String zoo = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<ProducerRecord<String, byte[]>> records = records(zoo, checkpoints, 0);
        List<ProducerRecord<String, byte[]>> warmup =
                records(zoo + "-warmup", Math.min(5000, checkpoints), 10_000_000L);

        // Warm-up before any clock starts: the JIT compiles the Kafka clients' and ingest's paths, and the
        // ingest consumer joins its group. Cold, the first seconds of a 4-second burst are spent compiling.
        String group = "bench-throughput-" + UUID.randomUUID();
        ServiceHost host = start(group);
        try (SnapshotWatch watch = new SnapshotWatch(zoo + "-warmup", warmup.size())) {
            publish(warmup);
            watch.await();
        }
        double baseline = baseline(records, out);

        double published;
        double toSnapshot;
        try (SnapshotWatch watch = new SnapshotWatch(zoo, checkpoints)) {
            long t0 = System.nanoTime();
            publish(records);
            published = (System.nanoTime() - t0) / 1e9;
            toSnapshot = (watch.await() - t0) / 1e9;
        }
        host.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        double rate = checkpoints / toSnapshot;
        out.printf(
                "  ingest: published in %.2f s, snapshot of all %d after %.2f s (incl. 200 ms quiet period) = %.0f checkpoints/s%n",
                published, checkpoints, toSnapshot, rate);

        // A fresh ingest (its latency timer holds only the steady records), assigned before the first record.
        host = start("bench-latency-" + UUID.randomUUID());
        String steadyZoo = zoo + "-steady";
        int n = (int) (steadyRate * steadyFor.toMillis() / 1000);
        // encoded before the clock starts, as the burst's are: making 2,464 Gaussians and 13 KB of JSON per
        // record on the fly took a quarter of the CPU the service under test needs
        List<Checkpoint> steady = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            steady.add(checkpoint(steadyZoo, i, 1_000_000L + i));
        }
        List<byte[]> encoded = steady.stream().map(CheckpointCodec::encode).toList();
        try (SnapshotWatch watch = new SnapshotWatch(steadyZoo, n);
                KafkaProducer<String, byte[]> p = kafka.producer("bench")) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long due = start + (long) (i * 1e9 / steadyRate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    // parked, not spinning: a spinning publisher would take one of the two cores from ingest
                    LockSupport.parkNanos(wait);
                }
                // ce_time and the record timestamp are stamped now, at the scheduled send
                var unused = p.send(record(Topics.CHECKPOINTS, steady.get(i), encoded.get(i)));
            }
            p.flush();
            watch.await();
        }
        Timer latency = host.registry().find("hyperrep.ingest.latency").timer();
        double p50 = percentile(latency, 0.5);
        double p99 = percentile(latency, 0.99);
        host.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        out.printf(
                "  latency at %d checkpoints/s for %d s (%d records): p50 %.1f ms, p99 %.1f ms%n",
                steadyRate, steadyFor.toSeconds(), n, p50, p99);
        out.printf(
                "%nresult: %.0f checkpoints/s publish-to-snapshot (target >= 5000) = x%.2f of Kafka alone (%.0f records/s);"
                        + " p50 %.1f ms, p99 %.1f ms (target < 500 ms)%n",
                rate, rate / baseline, baseline, p50, p99);
    }

    private List<ProducerRecord<String, byte[]>> records(String zoo, int n, long firstSeed) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(record(Topics.CHECKPOINTS, checkpoint(zoo, i, firstSeed + i)));
        }
        return out;
    }

    private void publish(List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> p = kafka.producer("bench")) {
            for (var r : records) {
                var unused = p.send(r);
            }
            p.flush();
        }
    }

    private double baseline(List<ProducerRecord<String, byte[]>> records, PrintStream out) {
        try (KafkaConsumer<String, byte[]> c = kafka.consumer("bench-" + UUID.randomUUID(), "bench")) {
            // assigned at the end before the clock starts, as ingest's consumer is
            List<org.apache.kafka.common.TopicPartition> parts = c.partitionsFor("hyperrep.bench.raw").stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
                    .toList();
            c.assign(parts);
            c.seekToEnd(parts);
            parts.forEach(c::position);
            long t0 = System.nanoTime();
            try (KafkaProducer<String, byte[]> p = kafka.producer("bench-raw")) {
                for (var r : records) {
                    var unused =
                            p.send(new ProducerRecord<>("hyperrep.bench.raw", null, r.key(), r.value(), r.headers()));
                }
                p.flush();
            }
            int seen = 0;
            while (seen < records.size()) {
                seen += c.poll(Duration.ofMillis(200)).count();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double rate = records.size() / s;
            out.printf(
                    "  baseline (Kafka alone: publish + consume back, no validation): %.2f s = %.0f records/s%n",
                    s, rate);
            return rate;
        }
    }

    /** An ingest service in consumer group {@code group}, returned once the group owns the inbox's partitions. */
    private ServiceHost start(String group) throws Exception {
        Map<String, String> clientSettings = new java.util.HashMap<>();
        kafka.overrides().properties().forEach((k, v) -> clientSettings.put(ClientOverrides.PREFIX + k, v));
        Settings s = Settings.empty()
                .with(clientSettings, "environment")
                .with(
                        Map.of(
                                "kafka.bootstrap",
                                kafka.bootstrap(),
                                "ingest.group",
                                group,
                                "ingest.snapshot.quiet",
                                "200ms"),
                        "bench");
        ServiceHost host = ServiceHost.create(s, group);
        for (Function<ServiceContext, Deployable> verticle : ingestService) {
            host.deploy(verticle).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        try (Admin admin = kafka.admin()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                var d = admin.describeConsumerGroups(List.of(group))
                        .all()
                        .get(10, TimeUnit.SECONDS)
                        .get(group);
                if (d != null
                        && d.members().stream()
                                .anyMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                    return host;
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("ingest group " + group + " got no partitions within 60 s");
    }

    /**
     * Watches the snapshot topic from its current end, on its own thread, for the snapshot of {@code zoo}
     * holding {@code count} checkpoints. Created before a clock starts, so the clock never includes a
     * consumer's start-up.
     */
    private final class SnapshotWatch implements AutoCloseable {
        private final CompletableFuture<Long> seen = new CompletableFuture<>();
        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread thread;
        private volatile boolean closed;

        SnapshotWatch(String zoo, int count) {
            consumer = kafka.consumer("bench-" + UUID.randomUUID(), "bench");
            List<org.apache.kafka.common.TopicPartition> parts = consumer.partitionsFor(Topics.SNAPSHOTS).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position); // resolves the end offsets now
            thread = new Thread(
                    () -> {
                        try {
                            while (!closed && !seen.isDone()) {
                                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                                    var s = SnapshotCodec.decode(r.value());
                                    if (s.zooId().equals(zoo) && s.checkpoints() >= count) {
                                        seen.complete(System.nanoTime());
                                    }
                                }
                            }
                        } catch (RuntimeException e) {
                            seen.completeExceptionally(e);
                        }
                    },
                    "bench-snapshot-watch");
            thread.start();
        }

        /** {@link System#nanoTime()} when the snapshot arrived. */
        long await() throws Exception {
            try {
                return seen.get(3, TimeUnit.MINUTES);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("no snapshot within 3 minutes");
            }
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            thread.join();
            consumer.close();
        }
    }

    private static double percentile(Timer t, double q) {
        for (ValueAtPercentile v : t.takeSnapshot().percentileValues()) {
            if (Math.abs(v.percentile() - q) < 1e-9) {
                return v.value(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    private static Checkpoint checkpoint(String zoo, int i, long seed) {
        Random r = new Random(seed);
        float[] w = new float[Architectures.CNN_S.parameterCount()];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (r.nextGaussian() * 0.1);
        }
        return new Checkpoint(
                zoo,
                String.format("m%06d", i / 5),
                seed,
                i % 5,
                "cnn-s",
                Architectures.CNN_S.layoutHash(),
                new CheckpointMetrics(0.5, 0.8, 0.8, 0.8),
                w);
    }

    private static ProducerRecord<String, byte[]> record(String topic, Checkpoint c) {
        return record(topic, c, CheckpointCodec.encode(c));
    }

    private static ProducerRecord<String, byte[]> record(String topic, Checkpoint c, byte[] value) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, c.key(), value);
        CheckpointCodec.headers(c, Instant.now()).asMap().forEach((k, v) -> r.headers()
                .add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }
}
