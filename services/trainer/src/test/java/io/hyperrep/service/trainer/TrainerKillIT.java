package io.hyperrep.service.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.broker.LocalBroker;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.TrainingProgress;
import io.hyperrep.events.PipelineEvents.TrainingProgress.Phase;
import io.hyperrep.events.Topics;
import io.hyperrep.ml.hyper.AutoencoderConfigJson;
import io.hyperrep.testkit.RunningService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: a trainer is killed (SIGKILL: no stop, no commit, no goodbye to the group) in the middle of a
 * job. Another member gets the job's partition once the group has noticed (session timeout), resumes
 * from the epochs the dead one saved, finishes it, and exactly one autoencoder version is published.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TrainerKillIT {

    private static final int EPOCHS = 24;

    /**
     * Its own broker, not the suite's shared one: its 24-epoch job would otherwise stay on the shared
     * jobs topic, and every trainer group that later tests start from the beginning would train it again
     * first (TrainerIT's jobs then missed their deadlines and its job counters saw foreign jobs).
     */
    private static LocalBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = LocalBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldFinishAKilledMembersJobOnAnotherMemberWithOneVersion(@TempDir Path tmp) throws Exception {
        String bootstrap = broker.bootstrapServers();
        Path config = tmp.resolve("tiny.json");
        Files.write(config, AutoencoderConfigJson.write(TrainerIT.TINY));
        String zoo = "kill-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "trainer-" + zoo;
        Path artifacts = tmp.resolve("artifacts");

        Process doomed = member(bootstrap, artifacts, config, group);
        String doomedId;
        try {
            doomedId = ready(doomed).get(3, TimeUnit.MINUTES);
            TrainerIT.publishZoo(bootstrap, zoo, 12, "a");
            var midJob = TrainerIT.events(
                    bootstrap,
                    Topics.TRAINING_PROGRESS,
                    PipelineEvents.TRAINING_PROGRESS::decode,
                    p -> p.zooId().equals(zoo) && p.phase() == Phase.EPOCH && p.epoch() >= 3,
                    l -> !l.isEmpty(),
                    Duration.ofMinutes(3));
            assertEquals(doomedId, midJob.get(0).worker(), "the doomed member runs the job");
        } finally {
            doomed.destroyForcibly();
            assertTrue(doomed.waitFor(30, TimeUnit.SECONDS), "killed");
        }

        RunningService survivor = TrainerIT.trainer(bootstrap, artifacts, config, EPOCHS, group);
        try {
            String survivorId =
                    new io.vertx.core.json.JsonObject(survivor.get("/health").body()).getString("instance");
            List<TrainingProgress> progress = TrainerIT.events(
                    bootstrap,
                    Topics.TRAINING_PROGRESS,
                    PipelineEvents.TRAINING_PROGRESS::decode,
                    p -> p.zooId().equals(zoo),
                    l -> l.stream().anyMatch(p -> p.phase() == Phase.FINISHED),
                    Duration.ofMinutes(3));
            int killedAt = progress.stream()
                    .filter(p -> p.worker().equals(doomedId) && p.phase() == Phase.EPOCH)
                    .mapToInt(TrainingProgress::epoch)
                    .max()
                    .orElseThrow();
            TrainingProgress resumed = progress.stream()
                    .filter(p -> p.phase() == Phase.RESUMED)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("nobody resumed: " + progress));
            assertEquals(survivorId, resumed.worker());
            assertTrue(
                    resumed.epoch() >= 3 && resumed.epoch() <= killedAt,
                    "resumed from the saved epochs (" + resumed.epoch() + ", the dead member finished " + killedAt
                            + ")");
            TrainingProgress finished = progress.stream()
                    .filter(p -> p.phase() == Phase.FINISHED)
                    .findFirst()
                    .orElseThrow();
            assertEquals(survivorId, finished.worker(), "the survivor finished it");
            assertEquals(EPOCHS, finished.epochs());

            List<AutoencoderVersion> versions = TrainerIT.events(
                    bootstrap,
                    Topics.AUTOENCODERS,
                    PipelineEvents.AUTOENCODER::decode,
                    v -> v.zooId().equals(zoo),
                    l -> false,
                    Duration.ofSeconds(5)); // everything published by now, and a while after
            assertEquals(1, versions.size(), "exactly one version: " + versions);
            assertEquals(EPOCHS, versions.get(0).epochs());
            assertEquals(resumed.jobId(), versions.get(0).jobId());
        } finally {
            survivor.close();
        }
    }

    /** A trainer member in its own JVM, on this test's classpath. */
    private static Process member(String bootstrap, Path artifacts, Path config, String group) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-Xmx1g",
                "--add-modules",
                "jdk.incubator.vector",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                TrainerMemberMain.class.getName(),
                "kafka.bootstrap=" + bootstrap,
                "artifacts.dir=" + artifacts,
                "trainer.config=" + config,
                "trainer.epochs=" + EPOCHS,
                "trainer.warmstart.epochs=1",
                "trainer.min.models=6",
                "trainer.group=" + group));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Completes with the member's instance id once it is deployed; its output is echoed with a prefix. */
    private static CompletableFuture<String> ready(Process p) {
        CompletableFuture<String> id = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            if (line.startsWith("MEMBER_READY ")) {
                                id.complete(
                                        line.substring("MEMBER_READY ".length()).trim());
                            } else {
                                System.out.println("[member] " + line);
                            }
                        }
                    } catch (java.io.IOException ignored) {
                        // the member was killed
                    }
                    id.completeExceptionally(new AssertionError("the member exited before it was ready"));
                },
                "member-output");
        t.setDaemon(true);
        t.start();
        return id;
    }
}
