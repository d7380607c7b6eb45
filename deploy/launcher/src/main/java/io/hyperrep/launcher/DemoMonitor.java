package io.hyperrep.launcher;

import io.hyperrep.events.DeadLetterHeaders;
import io.hyperrep.events.EventFormatException;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.SnapshotCodec;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.report.ProgressBar;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The demo's console: follows the pipeline's topics like any other consumer and prints one line per
 * stage event (snapshot, training epochs, new autoencoder version, generated and evaluated models).
 * Counts down {@code firstCycle} when the first cycle has evaluated {@code target} models.
 */
final class DemoMonitor implements Runnable, AutoCloseable {

    private static final List<String> TOPICS = List.of(
            Topics.SNAPSHOTS,
            Topics.TRAINING_PROGRESS,
            Topics.AUTOENCODERS,
            Topics.GENERATED,
            Topics.EVALUATED,
            Topics.deadLetter(Topics.CHECKPOINTS));

    private final KafkaClients kafka;
    private final PrintStream out;
    private final int target;
    private final CountDownLatch firstCycle = new CountDownLatch(1);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Integer> generated = new HashMap<>();
    private final Map<String, double[]> evaluated = new HashMap<>();
    private final long started = System.nanoTime();

    DemoMonitor(KafkaClients kafka, PrintStream out, int target) {
        this.kafka = kafka;
        this.out = out;
        this.target = target;
    }

    CountDownLatch firstCycle() {
        return firstCycle;
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> c = kafka.consumer("demo-monitor-" + UUID.randomUUID(), "demo-monitor")) {
            c.subscribe(TOPICS);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(300))) {
                    try {
                        show(r);
                    } catch (EventFormatException e) {
                        line("monitor", "unreadable record on " + r.topic() + ": " + e.getMessage());
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException | org.apache.kafka.common.errors.WakeupException e) {
            // stopping
        }
    }

    private void show(ConsumerRecord<String, byte[]> r) {
        switch (r.topic()) {
            case Topics.SNAPSHOTS -> {
                var s = SnapshotCodec.decode(r.value());
                line(
                        "ingest",
                        String.format(
                                Locale.ROOT,
                                "snapshot %s: %d checkpoints of %d models, epochs %s",
                                s.id(),
                                s.checkpoints(),
                                s.models(),
                                s.perEpoch().keySet()));
            }
            case Topics.TRAINING_PROGRESS -> {
                var p = PipelineEvents.TRAINING_PROGRESS.decode(r.value());
                switch (p.phase()) {
                    case EPOCH ->
                        line(
                                "trainer",
                                String.format(
                                        Locale.ROOT,
                                        "%s %s epoch %d/%d  train loss %.4f  val loss %.4f  R2 %.3f",
                                        p.jobId(),
                                        ProgressBar.bar((double) p.epoch() / p.epochs(), 20),
                                        p.epoch(),
                                        p.epochs(),
                                        p.trainLoss(),
                                        p.validationLoss(),
                                        p.r2()));
                    case STARTED, RESUMED ->
                        line("trainer", p.jobId() + " " + p.phase().wire() + " on " + p.message());
                    default ->
                        line(
                                "trainer",
                                p.jobId() + " " + p.phase().wire() + (p.message() == null ? "" : ": " + p.message()));
                }
            }
            case Topics.AUTOENCODERS -> {
                var v = PipelineEvents.AUTOENCODER.decode(r.value());
                line(
                        "trainer",
                        String.format(
                                Locale.ROOT,
                                "autoencoder %s of zoo %s: %d epochs, validation loss %.4f, R2 %.3f%s",
                                v.versionId(),
                                v.zooId(),
                                v.epochs(),
                                v.validationLoss(),
                                v.r2(),
                                v.parentVersion() == null ? "" : " (warm start from " + v.parentVersion() + ")"));
            }
            case Topics.GENERATED -> {
                var g = PipelineEvents.GENERATED_MODEL.decode(r.value());
                int n = generated.merge(g.versionId() + " " + g.method(), 1, Integer::sum);
                if (n % 10 == 0) {
                    line(
                            "sampler",
                            String.format(
                                    Locale.ROOT, "%d models generated by %s from %s", n, g.method(), g.versionId()));
                }
            }
            case Topics.EVALUATED -> {
                var e = PipelineEvents.EVALUATED_MODEL.decode(r.value());
                double[] acc = evaluated.computeIfAbsent(e.versionId() + " " + e.method(), k -> new double[2]);
                acc[0]++;
                acc[1] += e.testAccuracy();
                if (acc[0] % 10 == 0) {
                    line(
                            "evaluator",
                            String.format(
                                    Locale.ROOT,
                                    "%d %s models of %s evaluated: mean test accuracy %.2f%%",
                                    (int) acc[0],
                                    e.method(),
                                    e.versionId(),
                                    100 * acc[1] / acc[0]));
                }
                if (evaluated.values().stream().mapToDouble(a -> a[0]).sum() >= target) {
                    firstCycle.countDown();
                }
            }
            default ->
                line(
                        "ingest",
                        "dead-lettered " + r.key() + ": " + header(r, DeadLetterHeaders.REASON) + " "
                                + header(r, DeadLetterHeaders.MESSAGE));
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private void line(String stage, String text) {
        long s = (System.nanoTime() - started) / 1_000_000_000L;
        out.printf(Locale.ROOT, "[%02d:%02d %-9s] %s%n", s / 60, s % 60, stage, text);
    }

    @Override
    public void close() {
        running.set(false);
    }
}
