package io.hyperrep.launcher;

import io.hyperrep.broker.LocalBroker;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.lab.zoo.ZooPublishCommand;
import io.hyperrep.ml.hyper.AutoencoderConfig;
import io.hyperrep.ml.hyper.AutoencoderConfigJson;
import io.hyperrep.service.runtime.KafkaSetup;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.service.settings.CommonKeys;
import io.hyperrep.zoo.ZooDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hyperrep demo}: the embedded default. A local Kafka broker and every service in one process;
 * publishes a zoo and the loop runs by itself: ingest snapshot, autoencoder (demo size), generated
 * models, evaluations, with each stage on the console. Keeps running: checkpoints published later
 * trigger the next cycle. Ctrl-C stops the services gracefully, then the broker.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Embedded demo: local broker + all services; publishes a zoo and runs the loop until Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {

    // Kept apart (duplicates): each option is this command's own (name, default, description); other commands'
    // options share only picocli's declaration shape, and a shared mixin would change their --help text (the
    // embedded broker's --port is worded for the demo, 'hyperrep broker --port' for the broker command).
    @Option(
            names = "--zoo",
            defaultValue = "data/zoo/fashion-mnist-cnn-s-v2",
            description =
                    "Zoo to publish. If it has no trained epochs yet, a small demo zoo is trained first. Default: ${DEFAULT-VALUE}.")
    Path zoo;

    @Option(
            names = "--port",
            defaultValue = "9092",
            description = "Broker port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--http-port",
            defaultValue = "8080",
            description =
                    "HTTP port of /metrics, /health, /ready and " + "the APIs; 0 = free. Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(
            names = "--work",
            defaultValue = "target/demo",
            description = "Working directory (demo zoo, artifacts). Default: ${DEFAULT-VALUE}.")
    Path work;

    @Option(
            names = "--generate",
            defaultValue = "30",
            description = "Models generated per sampling method and version. Default: ${DEFAULT-VALUE}.")
    int generate;

    @Option(
            names = "--exit-after-cycle",
            description = "Stop once the first cycle has evaluated its generated models (for CI).")
    boolean exitAfterCycle;

    @Override
    public Integer call() throws Exception {
        validate();
        long t0 = System.nanoTime();
        // The console shows each stage through DemoMonitor; the services' own INFO lines would repeat it.
        System.setProperty("org.slf4j.simpleLogger.log.io.hyperrep.service", "warn");
        Files.createDirectories(work);
        try (LocalBroker broker = LocalBroker.start(null, port)) {
            String bootstrap = broker.bootstrapServers();
            say("Kafka broker ready at " + bootstrap);
            ZooDirectory dir = zooToPublish();
            Path aeConfig = work.resolve("demo-autoencoder.json");
            // Zoo v2's models share one initialisation: the autoencoder learns their differences from the mean
            // (centred input), which it reproduces for unseen models (docs/results/zoo-recipe.md).
            Files.write(
                    aeConfig,
                    AutoencoderConfigJson.write(AutoencoderConfig.cpuDefault().withCentred(true)));
            Map<String, Object> s = new HashMap<>();
            s.put("kafka.bootstrap", bootstrap);
            s.put("http.port", httpPort);
            s.put("artifacts.dir", work.resolve("artifacts").toString());
            s.put("ingest.snapshot.quiet", "3s");
            s.put("trainer.config", aeConfig.toString());
            // No permutation augmentation: it moves views of a shared-initialisation zoo far outside the zoo
            // (docs/results/zoo-recipe.md); ~20 epochs of zoo v2's window are ~650 steps, past the probe's plateau.
            s.put("trainer.augment", "none");
            s.put("trainer.best.epoch", "validation");
            s.put("trainer.epochs", 20);
            s.put("trainer.lr", 3e-3);
            s.put("trainer.schedule", "warmup-cosine");
            s.put("trainer.warmup.steps", 40);
            s.put("trainer.warmstart.epochs", 10);
            s.put("sampler.methods", "kde-joint,kde");
            s.put("sampler.count", generate);
            // Write endpoints need a bearer token: the demo makes one for this run and prints it.
            String token = newToken();
            s.put("http.auth.tokens", token);
            Settings settings =
                    Settings.empty().withEnvironment(System.getenv()).with(s, "demo defaults");
            List<String> names = ServiceCatalog.names();
            ServeCommand.Running running = ServeCommand.start(settings, names, "demo");
            say("services running: " + String.join(", ", names));
            boolean readsNeedToken = settings.get(CommonKeys.HTTP_AUTH_READS);
            say("dashboard: http://localhost:" + running.port() + "/dashboard"
                    + (readsNeedToken ? "#token=" + token : "") + "   (JSON: /api/dashboard)");
            say("models:   http://localhost:" + running.port() + "/models" + (readsNeedToken ? "#token=" + token : "")
                    + "   (JSON: /api/models, docs/openapi.yaml)");
            say("metrics:  http://localhost:" + running.port() + "/metrics   health: /health /ready");
            say("API token: " + token + "   (this run only; writes need it: -H 'Authorization: Bearer " + token + "')");
            say("API:      POST http://localhost:" + running.port()
                    + "/api/checkpoints (a checkpoint JSON), POST /api/generate"
                    + " {\"zooId\", \"method\", \"count\"}; see docs/EVENTS.md");
            // Generated models with non-finite weights are rejected, so wait for 50 evaluations (the
            // issue's bar), not for every model asked for.
            int total = Math.min(50, generate * 2);
            DemoMonitor monitor = new DemoMonitor(KafkaSetup.clients(settings), System.out, total);
            Thread monitorThread = new Thread(monitor, "demo-monitor");
            monitorThread.setDaemon(true);
            monitorThread.start();
            int n = ZooPublishCommand.publish(
                    dir, dir.checkpointFiles(), KafkaSetup.clients(settings), KafkaSetup.topics(settings));
            say("published " + n + " checkpoints of " + dir.spec().zooId()
                    + " to hyperrep.checkpoints; the loop runs by itself from here");

            CountDownLatch stop = new CountDownLatch(1);
            // Ctrl-C: the broker's shutdown hook stops the services first, then the broker.
            broker.beforeStop(() -> {
                say("stopping services (graceful), then the broker...");
                monitor.close();
                running.stop();
                stop.countDown();
            });
            monitor.firstCycle().await();
            say(String.format(
                    java.util.Locale.ROOT,
                    "first cycle complete in %.1f min: snapshot -> autoencoder -> generated -> %d evaluated",
                    (System.nanoTime() - t0) / 60e9,
                    total));
            if (exitAfterCycle) {
                broker.beforeStop(() -> {});
                monitor.close();
                running.stop();
                return 0;
            }
            say("keeps running: publish more checkpoints (./hyperrep zoo publish --from DIR --bootstrap " + bootstrap
                    + ") for the next cycle; Ctrl-C stops everything");
            stop.await();
            monitor.close();
        }
        return 0;
    }

    /** The zoo to publish: the given one if it has trained epochs, else a small demo zoo trained now. */
    private ZooDirectory zooToPublish() throws Exception {
        if (Files.isDirectory(zoo)) {
            ZooDirectory dir = ZooDirectory.open(zoo);
            long trained = dir.checkpointFiles().stream()
                    .map(ZooDirectory::readCheckpoint)
                    .mapToInt(Checkpoint::epoch)
                    .filter(e -> e > 0)
                    .count();
            if (trained >= 30) {
                say("zoo " + dir.spec().zooId() + " from " + zoo + " (" + trained + " trained checkpoints)");
                return dir;
            }
            say(
                    zoo
                            + " has no trained checkpoints yet (the bundled zoo is still being trained); training a small demo zoo instead");
        }
        Path out = work.resolve("demo-zoo");
        int rc = new CommandLine(new io.hyperrep.lab.zoo.ZooTrainCommand())
                .execute(
                        "--models",
                        "24",
                        "--epochs",
                        "3",
                        "--out",
                        out.toString(),
                        "--zoo-id",
                        "demo",
                        "--train-images",
                        "5000",
                        "--group-size",
                        "12",
                        "--workers",
                        "2");
        if (rc != 0) {
            throw new IllegalStateException("training the demo zoo failed (exit " + rc + ")");
        }
        return ZooDirectory.open(out);
    }

    /** 192 random bits, URL-safe: a bearer token for this run of the demo. */
    static String newToken() {
        byte[] b = new byte[24];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void say(String s) {
        System.out.println("[demo] " + s);
    }

    /** Rejects ports and counts no run could use, before a broker or a directory is made. */
    void validate() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be in 0..65535, got " + port);
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("--http-port must be in 0..65535, got " + httpPort);
        }
        if (generate < 1) {
            throw new IllegalArgumentException("--generate must be at least 1, got " + generate);
        }
    }
}
