package io.hyperrep.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.testkit.ChildJvm;
import io.hyperrep.testkit.KafkaBootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hyperrep serve} as an operator starts it, in its own JVM against the real broker: a mistyped key in the
 * config file or the environment stops the start with one line naming the key meant, where it used to fall back to
 * the default silently; the same command with the key spelled right starts, also with the {@code HYPERREP_*}
 * variables that are not settings (the launcher's, the ND4J build, compose's token) in its environment.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ServeSettingsIT {

    /** The variables of the launcher, the image and compose: present wherever hyperrep runs, and not settings. */
    private static final Map<String, String> NOT_SETTINGS = Map.of(
            "HYPERREP_JAVA_OPTS",
            "-Xmx1g",
            "HYPERREP_ND4J_BUILD",
            "auto",
            "HYPERREP_API_TOKEN",
            "compose-token",
            "HYPERREP_FASHION_MNIST_DIR",
            "/nowhere",
            "HYPERREP_HOME",
            "/src");

    @Test
    void shouldRefuseToStartWithAMistypedKeyInTheConfigFile(@KafkaBootstrap String bootstrap, @TempDir Path tmp)
            throws Exception {
        Path typo = tmp.resolve("typo.json");
        Files.writeString(typo, "{\"ingest\": {\"group\": \"" + group() + "\", \"snapshot\": {\"quite\": \"2s\"}}}");
        Served refused = serve(bootstrap, typo, Map.of());
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(
                refused.output()
                        .contains(
                                "hyperrep: unknown setting 'ingest.snapshot.quite' (did you mean 'ingest.snapshot.quiet'?) from file "
                                        + typo),
                refused.output());

        Path right = tmp.resolve("right.json");
        Files.writeString(right, "{\"ingest\": {\"group\": \"" + group() + "\", \"snapshot\": {\"quiet\": \"2s\"}}}");
        Served started = serve(bootstrap, right, NOT_SETTINGS);
        assertTrue(started.running(), started.output());
    }

    @Test
    void shouldRefuseToStartWithAMistypedVariable(@KafkaBootstrap String bootstrap, @TempDir Path tmp)
            throws Exception {
        Path config = tmp.resolve("c.json");
        Files.writeString(config, "{\"ingest.group\": \"" + group() + "\"}");
        Served refused = serve(bootstrap, config, Map.of("HYPERREP_INGEST_BATCHES", "500"));
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(
                refused.output()
                        .contains(
                                "hyperrep: unknown setting 'ingest.batches' (did you mean 'ingest.batch', HYPERREP_INGEST_BATCH?) "
                                        + "from environment HYPERREP_INGEST_BATCHES"),
                refused.output());
        Served wrongValue = serve(bootstrap, config, Map.of("HYPERREP_INGEST_BATCH", "lots"));
        assertEquals(1, wrongValue.exitCode(), wrongValue.output());
        assertTrue(
                wrongValue
                        .output()
                        .contains(
                                "hyperrep: setting 'ingest.batch' = 'lots' (from environment HYPERREP_INGEST_BATCH) must be an "
                                        + "integer between 1 and 100000"),
                wrongValue.output());
    }

    private static String group() {
        return "serve-settings-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** How a {@code serve ingest} process went: exited with a code, or running (then stopped) ; its output either way. */
    private record Served(int exitCode, boolean running, String output) {}

    private static Served serve(String bootstrap, Path config, Map<String, String> env) throws Exception {
        ProcessBuilder pb = ChildJvm.of(
                List.of("-Xmx512m"),
                Hyperrep.class,
                List.of("serve", "ingest", "--bootstrap", bootstrap, "--port", "0", "--config", config.toString()));
        pb.environment().keySet().removeIf(k -> k.startsWith("HYPERREP_")); // only what the test sets
        pb.environment().putAll(env);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        CompletableFuture<Boolean> running = new CompletableFuture<>();
        Thread reader = ChildJvm.readLines(
                p,
                "serve-output",
                line -> {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.startsWith("[serve] ingest running")) {
                        running.complete(true);
                    }
                },
                () -> running.complete(false));
        boolean up = running.get(3, TimeUnit.MINUTES);
        if (up) {
            p.destroy(); // SIGTERM: the shutdown hook stops the service gracefully
        }
        int code = p.waitFor(90, TimeUnit.SECONDS) ? p.exitValue() : -1;
        reader.join(10_000);
        synchronized (lines) {
            return new Served(code, up, String.join("\n", lines));
        }
    }
}
