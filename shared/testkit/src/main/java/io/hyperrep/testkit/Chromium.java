package io.hyperrep.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * Headless Chromium for the web pages' tests: the DOM after a page's script has run, or a screenshot.
 * Found as {@code HYPERREP_CHROMIUM}, else {@code chromium-headless-shell}, {@code chromium} or
 * {@code google-chrome} on the PATH; a test fails when there is none (.ci/run installs it).
 */
public final class Chromium {

    private static final List<String> FLAGS =
            List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");

    private Chromium() {}

    /** The DOM of {@code url} once its script has run (8 s of virtual time). */
    public static String dumpDom(String url) throws Exception {
        Path out = Files.createTempFile("chromium-dom", ".html");
        try {
            run(out, "--virtual-time-budget=8000", "--dump-dom", url);
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** A PNG screenshot of {@code url} at {@code width} x {@code height}, once its script has run. */
    public static void screenshot(String url, Path png, int width, int height) throws Exception {
        Files.createDirectories(png.toAbsolutePath().getParent());
        run(
                null,
                "--virtual-time-budget=8000",
                "--hide-scrollbars",
                "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(),
                url);
        Assertions.assertTrue(Files.size(png) > 1000, "a screenshot was written to " + png);
    }

    private static void run(Path stdout, String... args) throws Exception {
        String browser = find().orElseThrow(() -> new AssertionError(
                "no Chromium found: install chromium-headless-shell (apt-get install chromium-headless-shell; "
                        + ".ci/run does) or set HYPERREP_CHROMIUM"));
        List<String> cmd = new ArrayList<>();
        cmd.add(browser);
        cmd.addAll(FLAGS);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        ProcessBuilder.Redirect out =
                stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile());
        pb.redirectOutput(out);
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(browser + " did not finish within 90 s");
        }
        assertEquals(0, p.exitValue(), browser + " failed");
    }

    /** The browser binary, if any. */
    public static Optional<String> find() {
        String env = System.getenv("HYPERREP_CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Optional.of(env);
        }
        for (String name : List.of("chromium-headless-shell", "chromium", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name).toString());
                }
            }
        }
        return Optional.empty();
    }
}
