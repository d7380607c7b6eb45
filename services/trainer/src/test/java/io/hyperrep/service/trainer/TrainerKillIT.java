package io.hyperrep.service.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.broker.LocalBroker;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.TrainingProgress;
import io.hyperrep.events.PipelineEvents.TrainingProgress.Phase;
import io.hyperrep.testkit.ChildJvm;
import io.hyperrep.testkit.RunningService;
import io.hyperrep.testkit.TestZoo;
import io.hyperrep.zoo.testing.TinyAutoencoder;
import java.nio.file.Path;
import java.time.Duration;
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
        Path config = TinyAutoencoder.writeConfig(tmp);
        String zoo = "kill-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "trainer-" + zoo;
        Path artifacts = tmp.resolve("artifacts");

        Process doomed = member(bootstrap, artifacts, config, group);
        String doomedId;
        try {
            doomedId = ready(doomed).get(3, TimeUnit.MINUTES);
            TestZoo.publish(bootstrap, TestZoo.checkpoints(zoo, 12, 2));
            var midJob = TrainerIT.progress(
                    bootstrap,
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
            List<TrainingProgress> progress = TrainerIT.progress(
                    bootstrap,
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

            List<AutoencoderVersion> versions = TrainerIT.versions(
                    bootstrap,
                    zoo,
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
        return ChildJvm.of(
                        List.of("-Xmx1g"),
                        TrainerMemberMain.class,
                        List.of(
                                "kafka.bootstrap=" + bootstrap,
                                "artifacts.dir=" + artifacts,
                                "trainer.config=" + config,
                                "trainer.epochs=" + EPOCHS,
                                "trainer.warmstart.epochs=1",
                                "trainer.min.models=6",
                                "trainer.group=" + group))
                .start();
    }

    /** Completes with the member's instance id once it is deployed; its output is echoed with a prefix. */
    private static CompletableFuture<String> ready(Process p) {
        CompletableFuture<String> id = new CompletableFuture<>();
        ChildJvm.readLines(
                p,
                "member-output",
                line -> {
                    if (line.startsWith("MEMBER_READY ")) {
                        id.complete(line.substring("MEMBER_READY ".length()).trim());
                    } else {
                        System.out.println("[member] " + line);
                    }
                },
                () -> id.completeExceptionally(new AssertionError("the member exited before it was ready")));
        return id;
    }
}
