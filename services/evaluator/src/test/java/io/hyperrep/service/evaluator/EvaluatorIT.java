package io.hyperrep.service.evaluator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.hyper.EpochWindow;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.Snapshot;
import io.hyperrep.events.Topics;
import io.hyperrep.events.Weights;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.service.runtime.ServiceHost;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.testkit.DeadLetters;
import io.hyperrep.testkit.EventRecords;
import io.hyperrep.testkit.KafkaBootstrap;
import io.hyperrep.testkit.RunningService;
import io.hyperrep.testkit.TestZoo;
import io.hyperrep.testkit.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two evaluators in one group against a real broker: they share the generated models, every sample is
 * evaluated exactly once (also after redelivery and by a restarted member of a new group), and models
 * that cannot be evaluated are dead-lettered with the reason.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class EvaluatorIT {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final int SAMPLES = 16;

    /** One evaluator of the group and the instance id it signs its evaluations with. */
    record Running(RunningService service, String instance) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            service.close();
        }
    }

    static Running start(String bootstrap, String group, String name) throws Exception {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("kafka.bootstrap", bootstrap);
        cfg.put("evaluator.group", group);
        cfg.put("evaluator.test.images", 300);
        cfg.put("evaluator.batch", 4);
        ServiceHost host = ServiceHost.create(Settings.empty().with(cfg, "test"), name);
        return new Running(
                RunningService.start(host.deploy(EvaluatorVerticle::new).compose(id -> host.listen(0)), host::close),
                host.context().instanceId());
    }

    static void send(KafkaProducer<String, byte[]> p, String key, byte[] value, boolean withHeaders) throws Exception {
        Map<String, String> headers =
                withHeaders ? EventRecords.headers(PipelineEvents.GENERATED_MODEL, key) : Map.of();
        p.send(EventRecords.record(Topics.GENERATED, key, value, headers)).get();
    }

    static void send(KafkaProducer<String, byte[]> p, GeneratedModel g) throws Exception {
        send(p, g.sampleId(), PipelineEvents.GENERATED_MODEL.encode(g), true);
    }

    @Test
    void shouldShareTheWorkEvaluateEachSampleOnceAndDeadLetterWhatCannotBeEvaluated(@KafkaBootstrap String bootstrap)
            throws Exception {
        String zoo = "ev-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "evaluator-" + zoo;
        List<Running> members = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClients.of(bootstrap).producerConfig("evaluator-it"))) {
            Snapshot snapshot = TestZoo.publish(bootstrap, Fixtures.zoo(zoo, 12, 2));
            members.add(start(bootstrap, group, "evaluator-a"));
            members.add(start(bootstrap, group, "evaluator-b"));
            awaitPartitionsSplit(members);

            // Noisy copies of the autoencoder's training models (the training split of the snapshot, as the trainer
            // chose it).
            List<Integer> training = EpochWindow.dataset(Fixtures.zoo(zoo, 12, 2), 5).train().stream()
                    .map(c -> Integer.parseInt(c.modelId().substring(1)))
                    .distinct()
                    .toList();
            List<GeneratedModel> models = new ArrayList<>();
            for (int i = 0; i < SAMPLES; i++) {
                float[] w = Fixtures.noisy(Fixtures.weights(training.get(i % training.size()), 2), 0.01, i);
                models.add(Fixtures.generated(zoo + "/ae-test/kde/s1/n16/" + i, zoo, snapshot.id(), w));
            }
            for (GeneratedModel g : models) {
                send(producer, g);
            }
            List<EvaluatedModel> evaluated = evaluations(bootstrap, zoo, SAMPLES, Duration.ofSeconds(2));
            Map<String, Long> perSample =
                    evaluated.stream().collect(Collectors.groupingBy(EvaluatedModel::sampleId, Collectors.counting()));
            assertEquals(SAMPLES, perSample.size(), "every sample evaluated");
            perSample.forEach((id, n) -> assertEquals(1L, n, id + " evaluated " + n + " times"));
            Set<String> evaluators =
                    evaluated.stream().map(EvaluatedModel::evaluator).collect(Collectors.toSet());
            assertEquals(
                    Set.of(members.get(0).instance(), members.get(1).instance()),
                    evaluators,
                    "both members did some of the work");
            double[] byMember = {evaluatedTotal(members.get(0)), evaluatedTotal(members.get(1))};
            assertTrue(
                    byMember[0] >= 1 && byMember[1] >= 1 && byMember[0] + byMember[1] == SAMPLES,
                    "metrics of each member: " + byMember[0] + " + " + byMember[1]);
            for (EvaluatedModel e : evaluated) {
                assertEquals(zoo, e.zooId());
                assertEquals("ae-test", e.versionId());
                assertEquals("kde", e.method());
                assertTrue(e.testAccuracy() >= 0 && e.testAccuracy() <= 1 && e.testLoss() > 0);
                double expected = 0.01 * Math.sqrt(Architectures.CNN_S.parameterCount());
                assertEquals(
                        expected,
                        e.nearestDistance(),
                        0.2 * expected,
                        "each sample is a noisy copy of a training model's last epoch: " + e.sampleId());
                assertTrue(
                        e.relativeNovelty() > 0 && e.relativeNovelty() < 1,
                        "closer to a training model than they are to each other");
                assertTrue(
                        e.maxErrorIoU() > 0.5 && e.maxErrorIoU() <= 1,
                        "makes nearly its original's errors: " + e.maxErrorIoU());
                assertTrue(e.finetuneAccuracy().isEmpty());
            }

            // Redelivered models change nothing.
            send(producer, models.get(0));
            send(producer, models.get(5));
            awaitSum(members, "hyperrep_evaluator_skipped_total", 2);
            assertEquals(
                    SAMPLES,
                    evaluations(bootstrap, zoo, SAMPLES, Duration.ofSeconds(1)).size());

            // Models that cannot be evaluated go to the dead-letter topic with the reason.
            String bad = zoo + "/bad/";
            GeneratedModel base = models.get(1);
            float[] nan = Fixtures.weights(0, 1);
            nan[3] = Float.NaN;
            send(
                    producer,
                    bad + "arch",
                    PipelineEvents.GENERATED_MODEL.encode(
                            copy(base, bad + "arch", base.snapshotId(), "cnn-x", base.weights())),
                    true);
            send(
                    producer,
                    bad + "count",
                    PipelineEvents.GENERATED_MODEL.encode(
                            copy(base, bad + "count", base.snapshotId(), "cnn-s", Weights.of(new float[100]))),
                    true);
            send(
                    producer,
                    bad + "nan",
                    PipelineEvents.GENERATED_MODEL.encode(
                            copy(base, bad + "nan", base.snapshotId(), "cnn-s", Weights.of(nan))),
                    true);
            send(producer, bad + "json", "{not json".getBytes(StandardCharsets.UTF_8), true);
            send(
                    producer,
                    bad + "headers",
                    PipelineEvents.GENERATED_MODEL.encode(
                            copy(base, bad + "headers", base.snapshotId(), "cnn-s", base.weights())),
                    false);
            send(
                    producer,
                    bad + "snapshot",
                    PipelineEvents.GENERATED_MODEL.encode(
                            copy(base, bad + "snapshot", "gone@0000", "cnn-s", base.weights())),
                    true);
            var dead = DeadLetters.read(bootstrap, Topics.GENERATED, bad, 6, WAIT, Duration.ofMillis(500));
            assertEquals(
                    Map.of(
                            "arch",
                            "UNKNOWN_ARCHITECTURE",
                            "count",
                            "WRONG_WEIGHT_COUNT",
                            "nan",
                            "NON_FINITE_WEIGHTS",
                            "json",
                            "NOT_JSON",
                            "headers",
                            "MISSING_HEADER",
                            "snapshot",
                            "NO_REFERENCE"),
                    DeadLetters.reasons(dead, bad));
            DeadLetters.assertDescribed(dead, Topics.GENERATED);
            assertEquals(
                    SAMPLES, evaluations(bootstrap, zoo, SAMPLES, Duration.ZERO).size(), "nothing bad was evaluated");
            assertEquals(200, members.get(0).service().get("/ready").statusCode());
            String scrape = members.get(0).service().metrics().text()
                    + members.get(1).service().metrics().text();
            assertTrue(
                    scrape.contains("hyperrep_evaluator_accuracy_bucket{method=\"kde\",le=\"0.5\"}"),
                    "accuracy histogram with fraction buckets");
            assertTrue(scrape.contains("hyperrep_evaluator_novelty_bucket{method=\"kde\",le=\"1.0\"}"));
            assertTrue(scrape.contains("hyperrep_evaluator_evaluation_seconds_count"));

            // A member of a new group reads everything again and rebuilds what was evaluated from the evaluated topic:
            // nothing new.
            for (Running m : members) {
                m.close();
            }
            members.clear();
            Running fresh = start(bootstrap, group + "-again", "evaluator-c");
            members.add(fresh);
            awaitSum(members, "hyperrep_evaluator_skipped_total", SAMPLES + 2);
            assertEquals(
                    SAMPLES,
                    evaluations(bootstrap, zoo, SAMPLES, Duration.ofSeconds(1)).size(),
                    "no sample evaluated twice");
        } finally {
            for (Running m : members) {
                m.close();
            }
        }
    }

    /**
     * The evaluator has no window of its own: each model's novelty is measured against the training checkpoints of the
     * window its record names (its autoencoder's), and a model from before that field against the legacy window 5.
     * The zoo's models end at different epochs, so the two windows hold different models and give different splits.
     */
    @Test
    void shouldMeasureNoveltyAgainstTheEpochWindowTheModelNames(@KafkaBootstrap String bootstrap) throws Exception {
        String zoo = "ew-" + UUID.randomUUID().toString().substring(0, 8);
        List<Checkpoint> checkpoints = new ArrayList<>(Fixtures.zoo(zoo, 12, 3));
        Fixtures.zoo(zoo, 18, 1).stream()
                .filter(c -> Integer.parseInt(c.modelId().substring(1)) >= 12)
                .forEach(checkpoints::add);
        Map<String, Checkpoint> lastOfWindow2 =
                lastEpochs(EpochWindow.dataset(checkpoints, 2).train());
        Map<String, Checkpoint> lastOfLegacy =
                lastEpochs(EpochWindow.dataset(checkpoints, PipelineEvents.LEGACY_EPOCH_WINDOW)
                        .train());
        Checkpoint onlyInWindow2 = lastOfWindow2.values().stream()
                .filter(c -> !lastOfLegacy.containsKey(c.modelId()))
                .findFirst()
                .orElseThrow();
        Checkpoint onlyInLegacy = lastOfLegacy.values().stream()
                .filter(c -> !lastOfWindow2.containsKey(c.modelId()))
                .findFirst()
                .orElseThrow();
        Running member = null;
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClients.of(bootstrap).producerConfig("evaluator-window-it"))) {
            Snapshot snapshot = TestZoo.publish(bootstrap, checkpoints);
            member = start(bootstrap, "evaluator-" + zoo, "evaluator-window");
            GeneratedModel named =
                    Fixtures.generated(zoo + "/ae-2/kde/s1/n2/0", zoo, snapshot.id(), onlyInWindow2.weights());
            send(producer, Fixtures.copyOf(named, c -> c.epochWindow = 2));
            send(producer, Fixtures.generated(zoo + "/ae-old/kde/s1/n2/1", zoo, snapshot.id(), onlyInLegacy.weights()));

            Map<String, EvaluatedModel> bySample = evaluations(bootstrap, zoo, 2, Duration.ofSeconds(1)).stream()
                    .collect(Collectors.toMap(EvaluatedModel::sampleId, e -> e));
            assertEquals(
                    0,
                    bySample.get(zoo + "/ae-2/kde/s1/n2/0").nearestDistance(),
                    1e-6,
                    "a copy of a training model of window 2, which the model names: " + onlyInWindow2.modelId());
            assertEquals(
                    0,
                    bySample.get(zoo + "/ae-old/kde/s1/n2/1").nearestDistance(),
                    1e-6,
                    "a copy of a training model of the legacy window, for a model that names none: "
                            + onlyInLegacy.modelId());
        } finally {
            if (member != null) {
                member.close();
            }
        }
    }

    private static Map<String, Checkpoint> lastEpochs(List<Checkpoint> training) {
        Map<String, Checkpoint> last = new TreeMap<>();
        training.forEach(c -> last.merge(c.modelId(), c, (a, b) -> a.epoch() >= b.epoch() ? a : b));
        return last;
    }

    static GeneratedModel copy(GeneratedModel g, String sampleId, String snapshotId, String arch, Weights w) {
        return Fixtures.copyOf(g, c -> {
            c.sampleId = sampleId;
            c.snapshotId = snapshotId;
            c.arch = arch;
            c.weights = w;
        });
    }

    static List<EvaluatedModel> evaluations(String bootstrap, String zoo, int atLeast, Duration settle) {
        List<ConsumerRecord<String, byte[]>> rs = TopicProbe.read(
                bootstrap,
                Topics.EVALUATED,
                got -> got.stream().filter(r -> r.key().startsWith(zoo + "/")).count() >= atLeast,
                WAIT,
                settle);
        return rs.stream()
                .filter(r -> r.key().startsWith(zoo + "/"))
                .map(r -> PipelineEvents.EVALUATED_MODEL.decode(r.value()))
                .toList();
    }

    /** Until each member has some of the topic's 4 partitions: the work is then shared from the first record. */
    private static void awaitPartitionsSplit(List<Running> members) {
        await("the two members split the partitions")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    double a = partitions(members.get(0));
                    double b = partitions(members.get(1));
                    return a >= 1 && b >= 1 && a + b == 4;
                });
    }

    private static double partitions(Running m) throws Exception {
        return m.service().metrics().value("hyperrep_evaluator_partitions");
    }

    private static void awaitSum(List<Running> members, String series, double value) {
        await(series + " summed over the members reaches " + value)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    double sum = 0;
                    for (Running m : members) {
                        sum += m.service().metrics().valueOr(series, 0);
                    }
                    return sum >= value;
                });
    }

    private static double evaluatedTotal(Running m) throws Exception {
        return m.service().metrics().value("hyperrep_evaluator_evaluated_total{method=\"kde\"}");
    }
}
