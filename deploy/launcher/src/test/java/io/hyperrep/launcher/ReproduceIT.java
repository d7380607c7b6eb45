package io.hyperrep.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.Snapshot;
import io.hyperrep.events.Topics;
import io.hyperrep.events.Weights;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.lab.sample.ReproduceCommand;
import io.hyperrep.service.runtime.ServiceHost;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.service.sampler.SamplerVerticle;
import io.hyperrep.testkit.EventRecords;
import io.hyperrep.testkit.KafkaBootstrap;
import io.hyperrep.testkit.RunningService;
import io.hyperrep.testkit.TestZoo;
import io.hyperrep.testkit.TopicProbe;
import io.hyperrep.zoo.testing.TinyAutoencoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClients.of(bootstrap).producerConfig("reproduce-it"))) {
            List<Checkpoint> checkpoints = TestZoo.checkpoints(zoo, 12, 3);
            Snapshot s = TestZoo.publish(bootstrap, checkpoints);
            // the trainer's work, with a window of 2 (not the legacy 5 a version without the field counts as: the
            // version's must win)
            Path artifacts = tmp.resolve("artifacts");
            AutoencoderVersion version = TinyAutoencoder.trainVersion(s, checkpoints, 2, tmp, artifacts);

            Map<String, Object> cfg = new HashMap<>();
            cfg.put("kafka.bootstrap", bootstrap);
            cfg.put("artifacts.dir", artifacts.toString());
            cfg.put("sampler.count", COUNT);
            cfg.put("sampler.methods", String.join(",", METHODS));
            cfg.put("sampler.group", "reproduce-" + zoo);
            ServiceHost host = ServiceHost.create(Settings.empty().with(cfg, "test"), "reproduce-test");
            Map<String, GeneratedModel> firstOfMethod = new LinkedHashMap<>();
            // the sampler stops before the commands run: reproduce needs nothing but the topics and the store
            try (RunningService sampler = RunningService.start(
                    host.deploy(SamplerVerticle::new).compose(id -> host.listen(0)), host::close)) {
                producer.send(EventRecords.event(Topics.AUTOENCODERS, zoo, PipelineEvents.AUTOENCODER, version))
                        .get();
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
            }
            assertEquals(METHODS.size(), firstOfMethod.size(), "a model of every method: " + firstOfMethod.keySet());

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
        }
    }
}
