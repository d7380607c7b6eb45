package io.hyperrep.launcher.k8s;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code kubectl kustomize}, the renderer the overlays are written for (Debian's {@code kubernetes-client},
 * kustomize v2 syntax, renders them as current kubectl does). CI ({@code CI=true}) must have it, so there a
 * missing binary fails the calling test; elsewhere the test is skipped with a message saying what to install.
 */
final class Kubectl {

    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;

    private Kubectl(Path binary) {
        this.binary = binary;
    }

    static Kubectl require() {
        Optional<Path> found = onPath();
        String missing = "kubectl is not on the PATH: install Debian's 'kubernetes-client' package (.ci/run does)";
        if (found.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(missing + "; CI must run this check");
            }
            Assumptions.abort(missing + "; skipped outside CI");
        }
        return new Kubectl(found.get());
    }

    /** The rendered YAML of a kustomization directory; fails the test, with kubectl's message, if it does not render. */
    String kustomize(Path dir) {
        try {
            Process p = new ProcessBuilder(List.of(binary.toString(), "kustomize", dir.toString())).start();
            // both pipes drained at once: a full stderr pipe would otherwise block kubectl
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                Assertions.fail("kubectl kustomize " + dir + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String stderr = new String(err.join(), StandardCharsets.UTF_8);
            Assertions.assertEquals(0, p.exitValue(), "kubectl kustomize " + dir + " failed: " + stderr);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running kubectl", e);
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> onPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
