package io.hyperrep.testkit;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus' own checker, {@code promtool} (Debian's {@code prometheus} package), run by tests on the
 * project's metrics output and alert rules. CI ({@code CI=true}) must have it, so there a missing binary
 * fails the test rather than letting it pass unseen; on a developer's machine the test is skipped with
 * a message saying what to install.
 */
public final class Promtool {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path binary;

    private Promtool(Path binary) {
        this.binary = binary;
    }

    /** What promtool printed (stdout and stderr together) and how it exited. */
    public record Result(int exitCode, String output) {
        public List<String> lines() {
            return output.lines().toList();
        }
    }

    /** promtool from the PATH: fails the calling test under CI when it is missing, skips it elsewhere. */
    // Kept apart (duplicates): launcher's test Kubectl applies the same fail-in-CI/skip rule to another tool.
    public static Promtool require() {
        Optional<Path> found = onPath();
        String missing = "promtool is not on the PATH: install Debian's 'prometheus' package (.ci/run does)";
        if (found.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(missing + "; CI must run this check");
            }
            Assumptions.abort(missing + "; skipped outside CI");
        }
        return new Promtool(found.get());
    }

    /** Runs {@code promtool args...} in {@code workDir} with {@code stdin} on its standard input. */
    public Result run(Path workDir, String stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            // promtool prints little; reading to the end before waiting cannot block on a full pipe
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                Assertions.fail(
                        "promtool " + String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running promtool", e);
        }
    }

    /**
     * {@code promtool check metrics} on a scrape: the problems it reports about meters whose names start
     * with {@code prefix}. Only those: the same scrape carries JVM, Vert.x and Kafka client meters that
     * the project does not name and promtool also complains about (e.g. counters without {@code _total}).
     * A scrape promtool cannot parse at all fails the calling test.
     */
    public List<String> metricProblems(Path workDir, String exposition, String prefix) {
        Result r = run(workDir, exposition, "check", "metrics");
        // exit 0: clean; 3: lint problems, one "<metric> <problem>" line each; anything else: it could not check
        if (r.exitCode() != 0 && r.exitCode() != 3) {
            Assertions.fail(
                    "promtool check metrics could not check the scrape (exit " + r.exitCode() + "): " + r.output());
        }
        return r.lines().stream().filter(l -> l.startsWith(prefix)).toList();
    }

    /** {@code promtool --version}'s first line, for test output. */
    public String version() {
        return run(Path.of("."), "", "--version").lines().stream().findFirst().orElse("unknown");
    }

    private static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
