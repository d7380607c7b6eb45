package io.hyperrep.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.broker.LocalBroker;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.kafka.CheckpointPublisher;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.testkit.ChildJvm;
import io.hyperrep.testkit.TestZoo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fault: a large ingest in a bounded heap. {@code ./hyperrep serve ingest} runs in its own JVM with
 * {@code -Xmx256m} (exiting on an OutOfMemoryError) while N checkpoints are published; it must accept
 * all N, and its heap is sampled from its own {@code /metrics} throughout. N is 20,000 in the suite
 * (~20 s); {@code -Dhyperrep.heap.checkpoints=100000} runs the 100,000 of docs/OPERATIONS.md (~2 min,
 * 2.7 GB of broker data) and {@code -Dhyperrep.heap.xmx=...} changes the bound.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class IngestHeapIT {

    private static final Pattern PORT = Pattern.compile("http://localhost:(\\d+)/metrics");

    @Test
    void shouldIngestEveryCheckpointInABoundedHeap() throws Exception {
        int n = Integer.getInteger("hyperrep.heap.checkpoints", 20_000);
        String xmx = System.getProperty("hyperrep.heap.xmx", "256m");
        try (LocalBroker broker = LocalBroker.start()) {
            Process ingest = serveIngest(broker.bootstrapServers(), xmx);
            try {
                int port = port(ingest).get(3, TimeUnit.MINUTES);
                HeapSampler heap = new HeapSampler(port);
                heap.start();
                long t0 = System.nanoTime();
                publish(KafkaClients.of(broker.bootstrapServers()), n);
                double published = (System.nanoTime() - t0) / 1e9;
                // until every checkpoint is accepted or ingest died: the assertions below tell which
                await("ingest accepts all " + n + " checkpoints")
                        .atMost(Duration.ofMinutes(6))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> heap.accepted() >= n || !ingest.isAlive());
                double accepted = heap.accepted();
                double seconds = (System.nanoTime() - t0) / 1e9;
                heap.stop();
                assertTrue(
                        ingest.isAlive(),
                        "ingest died (exit " + (ingest.isAlive() ? "-" : ingest.exitValue()) + "): out of heap at -Xmx"
                                + xmx);
                assertEquals(n, accepted, 0.0, "every checkpoint accepted");
                System.out.printf(
                        Locale.ROOT,
                        "ingest heap: %d checkpoints with -Xmx%s in %.1f s (published in %.1f s, %.0f ckpt/s): peak heap used"
                                + " %.0f MiB, peak live after GC %.0f MiB (%d samples)%n",
                        n,
                        xmx,
                        seconds,
                        published,
                        n / seconds,
                        heap.peakUsed / 1048576.0,
                        heap.peakLive / 1048576.0,
                        heap.samples);
                assertTrue(heap.samples > 10, "the heap was sampled: " + heap.samples);
            } finally {
                ingest.destroy(); // SIGTERM: serve stops gracefully
                if (!ingest.waitFor(60, TimeUnit.SECONDS)) {
                    ingest.destroyForcibly();
                }
            }
        }
    }

    /** {@code hyperrep serve ingest} in a JVM of its own, with the launcher's options but a small heap. */
    private static Process serveIngest(String bootstrap, String xmx) throws Exception {
        ProcessBuilder pb = ChildJvm.of(
                List.of("-Xmx" + xmx, "-XX:+ExitOnOutOfMemoryError"),
                Hyperrep.class,
                List.of("serve", "ingest", "--bootstrap", bootstrap, "--port", "0"));
        pb.environment().put("HYPERREP_INGEST_SNAPSHOT_QUIET", "1s");
        return pb.start();
    }

    /** The HTTP port serve prints once the service runs; the rest of its output is echoed. */
    private static CompletableFuture<Integer> port(Process p) {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        ChildJvm.readLines(
                p,
                "ingest-output",
                line -> {
                    Matcher m = PORT.matcher(line);
                    if (!port.isDone() && m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                    System.out.println("[ingest] " + line);
                },
                () -> port.completeExceptionally(new AssertionError("serve ingest exited before it listened")));
        return port;
    }

    /** Distinct CNN-s checkpoints: one random weight vector, each checkpoint with its own first weight. */
    private static void publish(KafkaClients kafka, int n) {
        float[] base = TestZoo.randomWeights(7);
        try (CheckpointPublisher pub = new CheckpointPublisher(kafka)) {
            for (int i = 0; i < n; i++) {
                float[] w = base.clone();
                w[0] = i * 1e-4f;
                pub.publish(new Checkpoint(
                        "heap",
                        String.format("m%06d", i / 5),
                        i / 5,
                        i % 5,
                        "cnn-s",
                        Architectures.CNN_S.layoutHash(),
                        new CheckpointMetrics(0.5, 0.8, 0.79, 0.78),
                        w));
            }
            pub.flush();
        }
    }

    /** Polls the service's /metrics: heap in use (all heap pools), live data after the last GC, accepted checkpoints. */
    private static final class HeapSampler {
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI metrics;
        private volatile boolean running = true;
        private volatile double lastAccepted;
        private Thread thread;
        long peakUsed;
        long peakLive;
        int samples;

        HeapSampler(int port) {
            this.metrics = URI.create("http://localhost:" + port + "/metrics");
        }

        void start() {
            thread = new Thread(
                    () -> {
                        while (running) {
                            try {
                                sample(http.send(
                                                HttpRequest.newBuilder(metrics)
                                                        .timeout(Duration.ofSeconds(5))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .body());
                                Thread.sleep(200);
                            } catch (InterruptedException e) {
                                return;
                            } catch (Exception e) {
                                // a missed sample: the next one counts
                            }
                        }
                    },
                    "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private synchronized void sample(String scrape) {
            long used = 0;
            for (String line : scrape.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    used += (long) value(line);
                } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                    peakLive = Math.max(peakLive, (long) value(line));
                } else if (line.startsWith("hyperrep_ingest_checkpoints_total{")
                        && line.contains("outcome=\"accepted\"")) {
                    lastAccepted = value(line);
                }
            }
            peakUsed = Math.max(peakUsed, used);
            samples++;
        }

        double accepted() {
            return lastAccepted;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }

        private static double value(String line) {
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
    }
}
