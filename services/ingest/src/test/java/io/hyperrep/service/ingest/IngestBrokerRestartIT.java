package io.hyperrep.service.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.broker.LocalBroker;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.CheckpointPublisher;
import io.hyperrep.kafka.ClientOverrides;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.service.runtime.ServiceHost;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.testkit.TopicProbe;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: the broker crashes (SIGKILL, no clean shutdown) and comes back on the same data directory
 * while 10,000 checkpoints are being published and ingested. Every checkpoint ends up in the dataset
 * topic exactly once: none lost (publisher and ingest retry their writes, ingest commits only what was
 * written), none twice (ingest re-reads its uncommitted batch and finds those already written unchanged).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class IngestBrokerRestartIT {

    private static final int CHECKPOINTS = 10_000;
    private static final int PER_SECOND = 2_000;

    @Test
    void shouldIngestEveryCheckpointExactlyOnceAcrossABrokerCrash(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("broker");
        LocalBroker broker = LocalBroker.start(data, 0);
        int port = broker.port();
        String zoo = "restart";
        ServiceHost ingest = ServiceHost.create(
                Settings.empty()
                        .with(
                                Map.of(
                                        "kafka.bootstrap",
                                        broker.bootstrapServers(),
                                        "ingest.group",
                                        "restart-it",
                                        "ingest.snapshot.quiet",
                                        "2s"),
                                "test"),
                "restart-test");
        CompletableFuture<Long> published = new CompletableFuture<>();
        try {
            ingest.deploy(IngestVerticle::new)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            Counter accepted = ingest.registry()
                    .find("hyperrep.ingest.checkpoints")
                    .tag("outcome", "accepted")
                    .counter();
            KafkaClients kafka = KafkaClients.of(broker.bootstrapServers());
            // The publisher stands for any producer that outlasts the outage: with the defaults (15 s) a send that
            // waits longer for the broker's metadata fails, and zoo publish would report it and need a re-run.
            KafkaClients patient = KafkaClients.of(
                    broker.bootstrapServers(),
                    ClientOverrides.of(Map.of("max.block.ms", "120000", "delivery.timeout.ms", "120000")));
            Thread publisher = new Thread(() -> publish(patient, zoo, published), "restart-publisher");
            publisher.start();

            awaitAtLeast(accepted, CHECKPOINTS / 4, Duration.ofMinutes(1));
            broker.kill();
            double atCrash = accepted.count();
            Thread.sleep(1000);
            long t0 = System.nanoTime();
            broker = LocalBroker.start(data, port);
            System.out.printf(
                    "broker killed after %.0f accepted checkpoints, back after %.1f s%n",
                    atCrash, (System.nanoTime() - t0) / 1e9);
            assertTrue(atCrash < CHECKPOINTS, "the crash came mid-stream");

            assertEquals(CHECKPOINTS, published.get(2, TimeUnit.MINUTES), "the publisher's sends all acknowledged");
            var dataset = TopicProbe.read(
                    kafka,
                    Topics.DATASET,
                    rs -> rs.size() >= CHECKPOINTS,
                    Duration.ofMinutes(2),
                    Duration.ofSeconds(3));
            Map<String, Long> perKey =
                    dataset.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertEquals(CHECKPOINTS, perKey.size(), "none lost");
            assertEquals(
                    Map.of(),
                    perKey.entrySet().stream()
                            .filter(e -> e.getValue() > 1)
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                    "none twice");
            assertEquals(CHECKPOINTS, dataset.size());
            var dead = TopicProbe.read(
                    kafka, Topics.deadLetter(Topics.CHECKPOINTS), rs -> false, Duration.ofSeconds(2), Duration.ZERO);
            assertEquals(
                    0,
                    dead.size(),
                    "nothing dead-lettered: "
                            + dead.stream()
                                    .map(r -> TopicProbe.header(r, "hyperrep_dlt_reason"))
                                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
        } finally {
            ingest.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            broker.close();
        }
    }

    /** Publishes the checkpoints at a steady rate (the crash must find them in flight); completes with the acknowledged count. */
    private static void publish(KafkaClients kafka, String zoo, CompletableFuture<Long> done) {
        try (CheckpointPublisher pub = new CheckpointPublisher(kafka)) {
            long start = System.nanoTime();
            for (int i = 0; i < CHECKPOINTS; i++) {
                long wait = start + (long) (i * 1e9 / PER_SECOND) - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                pub.publish(BadCheckpoints.valid(zoo, i / 5, i % 5, i));
            }
            pub.flush();
            done.complete(pub.acknowledged());
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private static void awaitAtLeast(Counter counter, double n, Duration timeout) {
        await("ingest accepts " + n + " checkpoints")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> counter.count() >= n);
    }
}
