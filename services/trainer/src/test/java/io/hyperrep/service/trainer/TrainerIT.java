package io.hyperrep.service.trainer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.io.ArtifactStore;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.TrainingProgress;
import io.hyperrep.events.PipelineEvents.TrainingProgress.Phase;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.DatasetReader;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.ml.hyper.HyperRepresentation;
import io.hyperrep.service.runtime.ServiceHost;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.testkit.DeadLetters;
import io.hyperrep.testkit.KafkaBootstrap;
import io.hyperrep.testkit.RunningService;
import io.hyperrep.testkit.Scrape;
import io.hyperrep.testkit.TestZoo;
import io.hyperrep.testkit.TopicProbe;
import io.hyperrep.zoo.testing.TinyAutoencoder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planner and trainer against a real broker: snapshot -> job -> autoencoder version (fresh, then
 * warm-started), and a trainer stopped mid-job whose job another member resumes from its saved state.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class TrainerIT {

    static RunningService trainer(String bootstrap, Path artifacts, Path config, int epochs, String group)
            throws Exception {
        return trainer(bootstrap, artifacts, config, epochs, group, Map.of());
    }

    static RunningService trainer(
            String bootstrap, Path artifacts, Path config, int epochs, String group, Map<String, Object> extra)
            throws Exception {
        Map<String, Object> s = new HashMap<>();
        s.put("kafka.bootstrap", bootstrap);
        s.put("artifacts.dir", artifacts.toString());
        s.put("trainer.config", config.toString());
        s.put("trainer.epochs", epochs);
        s.put("trainer.warmstart.epochs", 1);
        s.put("trainer.min.models", 6);
        s.put("trainer.group", group);
        s.putAll(extra);
        ServiceHost host = ServiceHost.create(Settings.empty().with(s, "test"), "trainer-test");
        return RunningService.start(
                host.deploy(PlannerVerticle::new)
                        .compose(v -> host.deploy(TrainerVerticle::new))
                        .compose(v -> host.listen(0)),
                host::close);
    }

    /** The autoencoder versions of {@code zoo}, once {@code done} holds for them (or the timeout passed). */
    static List<AutoencoderVersion> versions(
            String bootstrap, String zoo, Predicate<List<AutoencoderVersion>> done, Duration timeout) {
        return events(
                bootstrap,
                Topics.AUTOENCODERS,
                PipelineEvents.AUTOENCODER::decode,
                v -> v.zooId().equals(zoo),
                done,
                timeout);
    }

    /** The training progress events that are {@code mine}, once {@code done} holds for them (or the timeout passed). */
    static List<TrainingProgress> progress(
            String bootstrap,
            Predicate<TrainingProgress> mine,
            Predicate<List<TrainingProgress>> done,
            Duration timeout) {
        return events(
                bootstrap, Topics.TRAINING_PROGRESS, PipelineEvents.TRAINING_PROGRESS::decode, mine, done, timeout);
    }

    private static <T> List<T> events(
            String bootstrap,
            String topic,
            java.util.function.Function<byte[], T> decode,
            Predicate<T> mine,
            Predicate<List<T>> done,
            Duration timeout) {
        List<ConsumerRecord<String, byte[]>> rs = TopicProbe.read(
                bootstrap,
                topic,
                got -> done.test(got.stream()
                        .map(r -> decode.apply(r.value()))
                        .filter(mine)
                        .toList()),
                timeout,
                Duration.ZERO);
        return rs.stream().map(r -> decode.apply(r.value())).filter(mine).toList();
    }

    @Test
    void shouldTrainOnASnapshotThenWarmStartOnTheNext(@KafkaBootstrap String bootstrap, @TempDir Path tmp)
            throws Exception {
        Path config = TinyAutoencoder.writeConfig(tmp);
        String zoo = "tr-" + UUID.randomUUID().toString().substring(0, 8);
        try (RunningService host = trainer(bootstrap, tmp.resolve("artifacts"), config, 2, "trainer-" + zoo)) {
            TestZoo.publish(bootstrap, TestZoo.checkpoints(zoo, 12, 2));
            var first = versions(bootstrap, zoo, l -> l.size() >= 1, Duration.ofMinutes(3));
            assertEquals(1, first.size(), "one version after the first snapshot");
            AutoencoderVersion v1 = first.get(0);
            assertNull(v1.parentVersion());
            HyperRepresentation ae =
                    HyperRepresentation.load(new ArtifactStore(tmp.resolve("artifacts")).get(v1.sha256()));
            assertEquals(TinyAutoencoder.CONFIG, ae.config());

            TestZoo.publish(bootstrap, TestZoo.checkpoints(zoo, 14, 2));
            var both = versions(bootstrap, zoo, l -> l.size() >= 2, Duration.ofMinutes(3));
            assertEquals(2, both.size());
            assertEquals(
                    v1.versionId(),
                    both.get(1).parentVersion(),
                    "the second snapshot warm-starts from the first version");
            assertEquals(1, both.get(1).epochs());

            var progress = progress(
                    bootstrap,
                    p -> p.zooId().equals(zoo),
                    l -> l.stream().filter(p -> p.phase() == Phase.FINISHED).count() >= 2,
                    Duration.ofSeconds(30));
            assertTrue(progress.stream().anyMatch(p -> p.phase() == Phase.EPOCH), "epoch progress events");
            Scrape metrics = host.metrics();
            assertEquals(
                    2.0,
                    metrics.value("hyperrep_trainer_jobs_total{outcome=\"completed\"}"),
                    "two completed jobs in /metrics");
            assertTrue(metrics.has("hyperrep_trainer_epoch_seconds_count"));
        }
    }

    /**
     * With the epoch kept by training loss (the demo's choice) the version still reports the kept epoch's
     * validation loss and R^2, as its job's epoch events measured them, never the selection criterion.
     */
    @Test
    void shouldPublishTheKeptEpochsValidationLossWhateverPicksTheEpoch(
            @KafkaBootstrap String bootstrap, @TempDir Path tmp) throws Exception {
        Path config = TinyAutoencoder.writeConfig(tmp);
        // Kept apart (duplicates): each test starts its own trainer group with the settings its case needs, spelled
        // out.
        String zoo = "bl-" + UUID.randomUUID().toString().substring(0, 8);
        // A new group replays every earlier test's job on the shared topic before this one: the retry test's
        // job would hold it for minutes with the default read timeout and retries, so fail such jobs fast here.
        try (RunningService host = trainer(
                bootstrap,
                tmp.resolve("artifacts"),
                config,
                3,
                "trainer-" + zoo,
                Map.of(
                        "trainer.best.epoch",
                        "training",
                        "trainer.retry.attempts",
                        1,
                        "trainer.read.timeout.ms",
                        5000))) {
            TestZoo.publish(bootstrap, TestZoo.checkpoints(zoo, 12, 2));
            AutoencoderVersion v = versions(bootstrap, zoo, l -> !l.isEmpty(), Duration.ofMinutes(6))
                    .get(0);
            var progress = progress(
                    bootstrap,
                    p -> p.jobId().equals(v.jobId()),
                    l -> l.stream().anyMatch(p -> p.phase() == Phase.FINISHED),
                    Duration.ofSeconds(30));
            TrainingProgress kept = progress.stream()
                    .filter(p -> p.phase() == Phase.EPOCH)
                    .min(java.util.Comparator.comparingDouble(TrainingProgress::trainLoss))
                    .orElseThrow();
            assertTrue(kept.validationLoss() != kept.trainLoss(), "the splits' losses differ: " + kept);
            assertEquals(
                    kept.validationLoss(),
                    v.validationLoss(),
                    "the version's validation loss is the kept epoch's " + kept);
            assertEquals(kept.r2(), v.r2());
            TrainingProgress finished = progress.stream()
                    .filter(p -> p.phase() == Phase.FINISHED)
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    kept.trainLoss(), finished.trainLoss(), "the finished event names the kept epoch's training loss");
            assertEquals(kept.validationLoss(), finished.validationLoss(), "and its validation loss");
        }
    }

    @Test
    void shouldDeadLetterAJobThatCannotRunAndCountItSo(@KafkaBootstrap String bootstrap, @TempDir Path tmp)
            throws Exception {
        Path config = TinyAutoencoder.writeConfig(tmp);
        String zoo = "tr-empty-" + UUID.randomUUID().toString().substring(0, 8);
        try (RunningService host = trainer(bootstrap, tmp.resolve("artifacts"), config, 2, "trainer-" + zoo);
                KafkaProducer<String, byte[]> p =
                        new KafkaProducer<>(KafkaClients.of(bootstrap).producerConfig("test"))) {
            // a job over a dataset that holds no checkpoint of its zoo
            var offsets = new TreeMap<>(DatasetReader.endOffsets(KafkaClients.of(bootstrap), Topics.DATASET));
            var job = new io.hyperrep.events.PipelineEvents.TrainingJob(
                    "job-" + zoo,
                    zoo,
                    "snap-" + zoo,
                    Topics.DATASET,
                    offsets,
                    io.hyperrep.events.PipelineEvents.TrainingJob.TRAIN,
                    null,
                    Instant.now().toString());
            p.send(new ProducerRecord<>(Topics.TRAINING_JOBS, zoo, PipelineEvents.TRAINING_JOB.encode(job)))
                    .get();
            var dead = DeadLetters.read(bootstrap, Topics.TRAINING_JOBS, zoo, 1, Duration.ofMinutes(2), Duration.ZERO);
            assertEquals(1, dead.size());
            assertEquals("JOB_FAILED", TopicProbe.header(dead.get(0), io.hyperrep.events.DeadLetterHeaders.REASON));
            var failed = progress(
                    bootstrap,
                    e -> e.zooId().equals(zoo),
                    l -> l.stream().anyMatch(e -> e.phase() == Phase.FAILED),
                    Duration.ofSeconds(30));
            assertTrue(failed.stream()
                    .anyMatch(e -> e.phase() == Phase.FAILED
                            && e.message() != null
                            && !e.message().isBlank()));
            // counted once the dead letter's commit completes
            host.awaitMetric("hyperrep_trainer_jobs_total{outcome=\"dead_lettered\"}", n -> n == 1);
            assertEquals(
                    0.0,
                    host.metrics().valueOr("hyperrep_trainer_jobs_total{outcome=\"completed\"}", 0),
                    "nothing completed");
        }
    }

    @Test
    void shouldResumeAJobOnAnotherMemberAfterTheFirstStoppedMidJob(@KafkaBootstrap String bootstrap, @TempDir Path tmp)
            throws Exception {
        Path config = TinyAutoencoder.writeConfig(tmp);
        String zoo = "rs-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "trainer-" + zoo;
        RunningService a = trainer(bootstrap, tmp.resolve("artifacts"), config, 60, group);
        TestZoo.publish(bootstrap, TestZoo.checkpoints(zoo, 12, 2));
        var started = progress(
                bootstrap,
                p -> p.zooId().equals(zoo) && p.phase() == Phase.EPOCH && p.epoch() >= 2,
                l -> !l.isEmpty(),
                Duration.ofMinutes(3));
        assertTrue(!started.isEmpty(), "member A trained some epochs");
        a.close(); // graceful: cancels at the next step, keeps the last finished epoch's state, leaves the job
        // uncommitted

        try (RunningService b = trainer(bootstrap, tmp.resolve("artifacts"), config, 60, group)) {
            var resumed = progress(
                    bootstrap,
                    p -> p.zooId().equals(zoo) && p.phase() == Phase.RESUMED,
                    l -> !l.isEmpty(),
                    Duration.ofMinutes(2));
            assertEquals(1, resumed.size(), "member B resumed the job");
            TrainingProgress r = resumed.get(0);
            assertTrue(r.epoch() >= 2, "resumed after the epochs A finished, at " + r.epoch());
        }
    }

    @Test
    void shouldHandTheJobOverWhenARebalanceMovesItsPartitionAway(@KafkaBootstrap String bootstrap, @TempDir Path tmp)
            throws Exception {
        Path config = TinyAutoencoder.writeConfig(tmp);
        int partitions;
        TestZoo.ensureTopics(bootstrap);
        try (var admin =
                org.apache.kafka.clients.admin.Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            partitions = admin.describeTopics(List.of(Topics.TRAINING_JOBS))
                    .allTopicNames()
                    .get()
                    .get(Topics.TRAINING_JOBS)
                    .partitions()
                    .size();
        }
        // The range assignor gives the first half of the partitions to the member whose id sorts first: the probe
        // below.
        String zoo;
        do {
            zoo = "ho-" + UUID.randomUUID().toString().substring(0, 8);
        } while (org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                                zoo.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        % partitions
                >= partitions / 2);
        String z = zoo;
        String group = "trainer-" + zoo;
        try (RunningService a = trainer(bootstrap, tmp.resolve("artifacts"), config, 60, group)) {
            TestZoo.publish(bootstrap, TestZoo.checkpoints(zoo, 12, 2));
            progress(
                    bootstrap,
                    p -> p.zooId().equals(z) && p.phase() == Phase.EPOCH && p.epoch() >= 2,
                    l -> !l.isEmpty(),
                    Duration.ofMinutes(3));

            Map<String, Object> probeConfig =
                    new HashMap<>(KafkaClients.of(bootstrap).consumerConfig(group, "0-probe"));
            probeConfig.put(
                    "partition.assignment.strategy", org.apache.kafka.clients.consumer.RangeAssignor.class.getName());
            try (var probe = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(
                    probeConfig,
                    new org.apache.kafka.common.serialization.StringDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
                probe.subscribe(List.of(Topics.TRAINING_JOBS));
                String series = "hyperrep_trainer_jobs_total{outcome=\"handed_over\"}";
                // the probe polls in between: it stays in the group, never commits
                await("member A stops the job whose partition moved away")
                        .atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ZERO)
                        .until(() -> {
                            probe.poll(Duration.ofMillis(200));
                            return !probe.assignment().isEmpty() && a.metrics().value(series) == 1;
                        });
                assertTrue(
                        probe.assignment().stream().anyMatch(tp -> tp.partition() < partitions / 2),
                        "the probe took the first half: " + probe.assignment());
            }
            // The probe leaves; A gets the partition back, reads the uncommitted job again and resumes it.
            var resumed = progress(
                    bootstrap,
                    p -> p.zooId().equals(z) && p.phase() == Phase.RESUMED,
                    l -> !l.isEmpty(),
                    Duration.ofMinutes(2));
            assertTrue(
                    resumed.get(0).epoch() >= 2,
                    "resumed after the finished epochs, at " + resumed.get(0).epoch());
            var versions = versions(bootstrap, z, l -> !l.isEmpty(), Duration.ofMinutes(4));
            assertEquals(1, versions.size(), "one version for the job");
            assertEquals(60, versions.get(0).epochs());
        }
    }

    /** A job over a dataset topic that is not there yet: a transient failure, retried until the topic holds the snapshot. */
    @Test
    void shouldRetryAJobThatHitKafkaTroubleAndDeadLetterItWhenTheTroubleLasts(
            @KafkaBootstrap String bootstrap, @TempDir Path tmp) throws Exception {
        Path config = TinyAutoencoder.writeConfig(tmp);
        String zoo = "rt-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "hyperrep.test.dataset." + zoo;
        List<Checkpoint> checkpoints = TestZoo.checkpoints(zoo, 12, 2);
        Map<String, Object> quick =
                Map.of("trainer.read.timeout.ms", 1_000, "trainer.retry.pause.ms", 200, "trainer.retry.attempts", 30);
        try (RunningService host = trainer(bootstrap, tmp.resolve("artifacts"), config, 2, "trainer-" + zoo, quick);
                KafkaProducer<String, byte[]> p =
                        new KafkaProducer<>(KafkaClients.of(bootstrap).producerConfig("test"))) {
            sendJob(p, "job-" + zoo, zoo, topic, checkpoints.size());
            var retrying = progress(
                    bootstrap,
                    e -> e.zooId().equals(zoo) && e.phase() == Phase.RETRYING,
                    l -> !l.isEmpty(),
                    Duration.ofMinutes(1));
            assertTrue(
                    retrying.get(0).message().contains(topic), retrying.get(0).message());

            try (var admin = org.apache.kafka.clients.admin.Admin.create(
                    Map.<String, Object>of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1)))
                        .all()
                        .get();
            }
            for (Checkpoint c : checkpoints) {
                p.send(new ProducerRecord<>(topic, 0, c.key(), CheckpointCodec.encode(c)))
                        .get();
            }
            var versions = versions(bootstrap, zoo, l -> !l.isEmpty(), Duration.ofMinutes(3));
            assertEquals(1, versions.size(), "the retried job trained once the topic held its snapshot");
            assertTrue(
                    host.metrics().value("hyperrep_trainer_jobs_total{outcome=\"retried\"}") >= 1,
                    "the retry is counted");
        }

        String lost = "rt-lost-" + UUID.randomUUID().toString().substring(0, 8);
        try (RunningService impatient = trainer(
                        bootstrap,
                        tmp.resolve("artifacts"),
                        config,
                        2,
                        "trainer-" + lost,
                        Map.of(
                                "trainer.read.timeout.ms",
                                1_000,
                                "trainer.retry.pause.ms",
                                200,
                                "trainer.retry.attempts",
                                2));
                KafkaProducer<String, byte[]> p =
                        new KafkaProducer<>(KafkaClients.of(bootstrap).producerConfig("test"))) {
            sendJob(p, "job-" + lost, lost, "hyperrep.test.dataset." + lost, 24);
            var dead = DeadLetters.read(bootstrap, Topics.TRAINING_JOBS, lost, 1, Duration.ofMinutes(1), Duration.ZERO);
            assertEquals(1, dead.size());
            String message = TopicProbe.header(dead.get(0), io.hyperrep.events.DeadLetterHeaders.MESSAGE);
            assertTrue(message.startsWith("gave up after 2 attempts: reading hyperrep.test.dataset." + lost), message);
        }
    }

    static void sendJob(KafkaProducer<String, byte[]> p, String jobId, String zoo, String topic, long records)
            throws Exception {
        var job = new io.hyperrep.events.PipelineEvents.TrainingJob(
                jobId,
                zoo,
                "snap-" + zoo,
                topic,
                new TreeMap<>(Map.of(0, records)),
                io.hyperrep.events.PipelineEvents.TrainingJob.TRAIN,
                null,
                Instant.now().toString());
        p.send(new ProducerRecord<>(Topics.TRAINING_JOBS, zoo, PipelineEvents.TRAINING_JOB.encode(job)))
                .get();
    }
}
