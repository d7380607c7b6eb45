package io.hyperrep.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.Topics;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.testkit.KafkaBootstrap;
import io.hyperrep.testkit.Promtool;
import io.hyperrep.testkit.RunningService;
import io.hyperrep.testkit.Scrape;
import io.hyperrep.testkit.TestZoo;
import io.hyperrep.testkit.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop in one process against the real broker, at tiny sizes: checkpoints published to the
 * inbox -> ingest snapshot -> planned job -> autoencoder -> generated models -> evaluations; then more
 * checkpoints -> a second snapshot -> a warm-started version -> a second generation. Then the
 * process's {@code /metrics}, with every meter the loop created, passes {@code promtool check metrics}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LoopIT {

    static List<EvaluatedModel> evaluated(String bootstrap, String zoo, int atLeastVersions, int perVersion) {
        var records = TopicProbe.read(
                bootstrap,
                Topics.EVALUATED,
                rs -> {
                    Map<String, Long> byVersion = rs.stream()
                            .map(r -> PipelineEvents.EVALUATED_MODEL.decode(r.value()))
                            .filter(e -> e.zooId().equals(zoo))
                            .collect(Collectors.groupingBy(EvaluatedModel::versionId, Collectors.counting()));
                    return byVersion.size() >= atLeastVersions
                            && byVersion.values().stream().allMatch(n -> n >= perVersion);
                },
                Duration.ofMinutes(4),
                Duration.ofMillis(500));
        return records.stream()
                .map(r -> PipelineEvents.EVALUATED_MODEL.decode(r.value()))
                .filter(e -> e.zooId().equals(zoo))
                .toList();
    }

    @Test
    void shouldRunTheWholeLoopAndAgainOnNewCheckpoints(@KafkaBootstrap String bootstrap, @TempDir Path tmp)
            throws Exception {
        String zoo = "loop-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> s = TinyPipeline.settings(bootstrap, tmp, zoo);
        s.put("ingest.snapshot.quiet", "1s");
        s.put("trainer.epochs", 2);
        s.put("trainer.warmstart.epochs", 1);
        s.put("trainer.min.models", 6);
        s.put("sampler.count", 4);
        s.put("sampler.methods", "kde,uniform");
        s.put("evaluator.test.images", 500);
        ServeCommand.Running running =
                ServeCommand.start(Settings.empty().with(s, "test"), ServiceCatalog.names(), "loop-test");
        try (RunningService served = RunningService.at(running.port(), running::stop)) {
            TestZoo.publishToInbox(bootstrap, TestZoo.checkpoints(zoo, 0, 12, 2));
            List<EvaluatedModel> first = evaluated(bootstrap, zoo, 1, 8);
            Set<String> versions = first.stream().map(EvaluatedModel::versionId).collect(Collectors.toSet());
            assertEquals(1, versions.size(), "one autoencoder version after the first snapshot");
            assertEquals(8, first.size(), "4 kde + 4 uniform models, each evaluated once");
            assertTrue(first.stream()
                    .allMatch(e ->
                            e.testAccuracy() >= 0 && e.testAccuracy() <= 1 && Double.isFinite(e.nearestDistance())));

            TestZoo.publishToInbox(bootstrap, TestZoo.checkpoints(zoo, 12, 16, 2));
            List<EvaluatedModel> both = evaluated(bootstrap, zoo, 2, 8);
            assertEquals(
                    2,
                    both.stream().map(EvaluatedModel::versionId).distinct().count(),
                    "new checkpoints made a second version");
            assertEquals(16, both.size(), "and a second generation, evaluated once each");
            var versionsTopic = TopicProbe.read(
                            bootstrap,
                            Topics.AUTOENCODERS,
                            rs -> rs.stream()
                                            .map(r -> PipelineEvents.AUTOENCODER.decode(r.value()))
                                            .filter(v -> v.zooId().equals(zoo))
                                            .count()
                                    >= 2,
                            Duration.ofSeconds(30),
                            Duration.ZERO)
                    .stream()
                    .map(r -> PipelineEvents.AUTOENCODER.decode(r.value()))
                    .filter(v -> v.zooId().equals(zoo))
                    .toList();
            assertEquals(
                    versionsTopic.get(0).versionId(),
                    versionsTopic.get(1).parentVersion(),
                    "the second version is warm-started");

            // the registry lists the loop's models with their lineage, and each version's models reproduce bit for bit
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            await("the registry lists every evaluated model")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> json.readTree(served.get(
                                                    "/api/models?zoo=" + zoo + "&minAccuracy=0&sort=accuracy&limit=100")
                                            .body())
                                    .path("total")
                                    .asInt()
                            == 16);
            for (String version :
                    both.stream().map(EvaluatedModel::versionId).distinct().toList()) {
                String id = both.stream()
                        .filter(e -> e.versionId().equals(version))
                        .findFirst()
                        .orElseThrow()
                        .sampleId();
                var lineage = json.readTree(
                        served.get("/api/models/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8))
                                .body());
                assertEquals(0, lineage.get("missing").size(), "the whole chain is followed: " + lineage);
                assertTrue(lineage.get("trainingCheckpoints").get("count").asInt() > 0, lineage.toString());
                assertEquals(
                        5,
                        lineage.get("autoencoder").get("epochWindow").asInt(),
                        "the trainer records its window on the version");
                assertEquals(
                        "model",
                        lineage.get("trainingCheckpoints").get("windowSource").asText(),
                        "the sampler on the model");
                var out = new java.io.ByteArrayOutputStream();
                var stdout = System.out;
                System.setOut(new java.io.PrintStream(out, true));
                int code;
                try {
                    code = Hyperrep.commandLine()
                            .execute(
                                    "reproduce",
                                    id,
                                    "--bootstrap",
                                    bootstrap,
                                    "--artifacts",
                                    tmp.resolve("artifacts").toString());
                } finally {
                    System.setOut(stdout);
                }
                assertEquals(0, code, "reproduce " + id + ": " + out);
                assertTrue(out.toString(UTF_8).contains("match: " + id), out.toString(UTF_8));
            }

            // now that every service has worked, the meters created on activity are in the scrape too
            Promtool promtool = Promtool.require();
            Scrape scrape = served.metrics();
            assertTrue(
                    scrape.has("hyperrep_trainer_jobs_total")
                            && scrape.has("hyperrep_ingest_snapshots_total")
                            && scrape.has("hyperrep_evaluator_accuracy_bucket"),
                    "the loop's meters are in the scrape");
            assertEquals(
                    List.of(),
                    promtool.metricProblems(tmp, scrape.text(), "hyperrep_"),
                    "promtool check metrics after the loop");
        }
    }
}
