package io.hyperrep.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.hyper.EpochWindow;
import io.hyperrep.core.io.ArtifactStore;
import io.hyperrep.core.token.Augmentation;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.CloudEventHeaders;
import io.hyperrep.events.JsonEventCodec;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.Snapshot;
import io.hyperrep.events.SnapshotCodec;
import io.hyperrep.events.Topics;
import io.hyperrep.events.Weights;
import io.hyperrep.kafka.DatasetReader;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.TopicAdmin;
import io.hyperrep.lab.sample.ReproduceCommand;
import io.hyperrep.ml.hyper.AutoencoderConfig;
import io.hyperrep.ml.hyper.HyperTrainingListener;
import io.hyperrep.ml.hyper.HyperTrainingParams;
import io.hyperrep.ml.hyper.HyperTrainingRun;
import io.hyperrep.service.runtime.ServiceHost;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.service.sampler.SamplerVerticle;
import io.hyperrep.testkit.KafkaBootstrap;
import io.hyperrep.testkit.TopicProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hyperrep reproduce} against models the sampler service really generated: a tiny autoencoder
 * (as the trainer leaves it in the store) and a version with every sampling method configured; for one
 * model of each method the command derives the weights again from the lineage alone and finds them equal
 * bit for bit (exit 0). A model whose stored weights are not what its lineage gives (another seed's
 * weights under its id) is a mismatch (exit 1, with the largest difference).
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ReproduceIT {

    static final List<String> METHODS = List.of("uniform", "kde", "kde-joint", "kde-faithful", "neigh", "gan");
    static final int COUNT = 3;
    /** The sampler service's tests' tiny autoencoder (services/sampler SamplerIT). */
    static final AutoencoderConfig TINY = new AutoencoderConfig(8, 2, 16, 1, 8, 0.0, 2, 8, 4, 0.1, 0.1, true, 4);

    record Run(int code, String out, String err) {}

    static Run reproduce(String... args) {
        CommandLine cl = new CommandLine(new ReproduceCommand());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err, true));
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true));
        try {
            return new Run(cl.execute(args), out.toString(UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void shouldReproduceModelsOfEveryMethodBitForBitAndCatchAMismatch(
            @KafkaBootstrap String bootstrap, @TempDir Path tmp) throws Exception {
        String zoo = "rep-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicAdmin admin = TopicAdmin.connect(KafkaClients.of(bootstrap), Duration.ofSeconds(30))) {
            admin.ensureAllTopics(io.hyperrep.kafka.TopicPolicy.create(4));
        }
        ServiceHost host = null;
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClients.of(bootstrap).producerConfig("reproduce-it"))) {
            List<Checkpoint> checkpoints = new ArrayList<>();
            for (int m = 0; m < 12; m++) {
                for (int e = 1; e <= 3; e++) {
                    Random r = new Random(m * 7L + e);
                    float[] w = new float[Architectures.CNN_S.parameterCount()];
                    for (int i = 0; i < w.length; i++) {
                        w[i] = (float) (r.nextGaussian() * 0.1);
                    }
                    Checkpoint c = new Checkpoint(
                            zoo,
                            String.format("m%04d", m),
                            m,
                            e,
                            "cnn-s",
                            Architectures.CNN_S.layoutHash(),
                            new CheckpointMetrics(0.5, 0.7, 0.6 + 0.01 * m + 0.001 * e, 0.7),
                            w);
                    checkpoints.add(c);
                    producer.send(new ProducerRecord<>(Topics.DATASET, c.key(), CheckpointCodec.encode(c)))
                            .get();
                }
            }
            var offsets = new TreeMap<>(DatasetReader.endOffsets(KafkaClients.of(bootstrap), Topics.DATASET));
            Snapshot s = new Snapshot(
                    Snapshot.idOf(zoo, offsets),
                    zoo,
                    "cnn-s",
                    Topics.DATASET,
                    offsets,
                    36,
                    12,
                    new TreeMap<>(Map.of(1, 12, 2, 12, 3, 12)),
                    "test",
                    Instant.now());
            producer.send(new ProducerRecord<>(Topics.SNAPSHOTS, zoo, SnapshotCodec.encode(s)))
                    .get();

            // the trainer's work, with a window of 2 (not the legacy 5 a version without the field counts as: the
            // version's must win)
            Path dir = tmp.resolve("ae");
            new HyperTrainingRun(
                            EpochWindow.dataset(checkpoints, 2),
                            TINY,
                            HyperTrainingParams.constant(2, 1e-3, 0, 1),
                            Augmentation.paper(),
                            dir)
                    .train(HyperTrainingListener.NONE, () -> false);
            Path artifacts = tmp.resolve("artifacts");
            ArtifactStore.Ref ref = new ArtifactStore(artifacts)
                    .put(dir, p -> !dir.relativize(p).toString().startsWith("state"));
            AutoencoderVersion version = new AutoencoderVersion(
                    "ae-" + zoo,
                    zoo,
                    "job-" + zoo,
                    s.id(),
                    null,
                    ref.uri(),
                    ref.sha256(),
                    "cnn-s",
                    2,
                    0.1,
                    0.5,
                    Instant.now().toString(),
                    2);

            Map<String, Object> cfg = new HashMap<>();
            cfg.put("kafka.bootstrap", bootstrap);
            cfg.put("artifacts.dir", artifacts.toString());
            cfg.put("sampler.count", COUNT);
            cfg.put("sampler.methods", String.join(",", METHODS));
            cfg.put("sampler.group", "reproduce-" + zoo);
            host = ServiceHost.create(Settings.empty().with(cfg, "test"), "reproduce-test");
            ServiceHost h = host;
            h.deploy(SamplerVerticle::new)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            producer.send(event(Topics.AUTOENCODERS, zoo, PipelineEvents.AUTOENCODER, version))
                    .get();

            Map<String, GeneratedModel> firstOfMethod = new LinkedHashMap<>();
            var records = TopicProbe.read(
                    bootstrap,
                    Topics.GENERATED,
                    rs -> rs.stream()
                                    .filter(r -> r.key().startsWith(version.versionId() + "/"))
                                    .map(r -> r.key().split("/")[1])
                                    .distinct()
                                    .count()
                            == METHODS.size(),
                    Duration.ofMinutes(4),
                    Duration.ZERO);
            for (var r : records) {
                if (r.key() != null && r.key().startsWith(version.versionId() + "/")) {
                    GeneratedModel g = PipelineEvents.GENERATED_MODEL.decode(r.value());
                    firstOfMethod.putIfAbsent(g.method(), g);
                }
            }
            assertEquals(METHODS.size(), firstOfMethod.size(), "a model of every method: " + firstOfMethod.keySet());
            host.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            host = null;

            for (GeneratedModel g : firstOfMethod.values()) {
                assertEquals(2, g.epochWindow(), "the sampler used the version's window");
                assertEquals(version.sha256(), g.autoencoderSha256());
                Run run = reproduce(g.sampleId(), "--bootstrap", bootstrap, "--artifacts", artifacts.toString());
                assertEquals(0, run.code(), g.method() + ": " + run.out() + run.err());
                assertTrue(run.out().contains("match: " + g.sampleId() + " reproduced bit for bit"), run.out());
            }

            // another seed's weights under this id: the lineage (seed 43) gives other weights
            GeneratedModel kde = firstOfMethod.get("kde");
            String forged = version.versionId() + "/kde/s43/n" + COUNT + "/" + kde.index();
            GeneratedModel liar = new GeneratedModel(
                    forged,
                    zoo,
                    version.versionId(),
                    s.id(),
                    "kde",
                    kde.samplerParameters(),
                    43,
                    kde.index(),
                    "cnn-s",
                    kde.layoutHash(),
                    Weights.of(kde.weights().values()),
                    Instant.now().toString(),
                    version.sha256(),
                    version.jobId(),
                    2);
            producer.send(new ProducerRecord<>(Topics.GENERATED, forged, PipelineEvents.GENERATED_MODEL.encode(liar)))
                    .get();
            Run mismatch = reproduce(forged, "--bootstrap", bootstrap, "--artifacts", artifacts.toString());
            assertEquals(1, mismatch.code(), mismatch.out() + mismatch.err());
            assertTrue(
                    mismatch.out().contains("MISMATCH: " + forged)
                            && mismatch.out().contains("max abs diff"),
                    mismatch.out());

            Run unknown = reproduce(
                    version.versionId() + "/kde/s42/n3/99",
                    "--bootstrap",
                    bootstrap,
                    "--artifacts",
                    artifacts.toString());
            assertEquals(1, unknown.code());
        } finally {
            if (host != null) {
                host.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** A pipeline event as a service publishes it: CloudEvents headers beside the JSON value. */
    static <T extends Record> ProducerRecord<String, byte[]> event(
            String topic, String key, JsonEventCodec<T> codec, T e) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, codec.encode(e));
        new CloudEventHeaders(
                        UUID.randomUUID().toString(), codec.eventType(), "/test", Instant.now(), "application/json")
                .asMap()
                .forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }
}
