package io.hyperrep.core.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The {@code onnx} Python package (Debian's {@code python3-onnx}), the reference checker of ONNX files.
 * Debian's module is found by {@code /usr/bin/python3}, which may not be the {@code python3} on the
 * PATH (pyenv); both are tried. Under {@code CI=true} a missing module fails the calling test (.ci/run
 * installs it); elsewhere the test is skipped with what to install.
 */
final class PythonOnnx {

    private final String python;

    private PythonOnnx(String python) {
        this.python = python;
    }

    record Result(int exitCode, String output) {}

    static PythonOnnx require() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                if (new PythonOnnx(candidate).run("import onnx").exitCode() == 0) {
                    return new PythonOnnx(candidate);
                }
            } catch (IOException e) {
                // not there; try the next
            }
        }
        String missing = "the Python module onnx is missing: apt-get install python3-onnx (.ci/run does)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(missing + "; CI must run this check");
        }
        Assumptions.abort(missing + "; skipped outside CI");
        throw new IllegalStateException("unreachable");
    }

    Result run(String script, String... args) throws IOException {
        Path file = Files.createTempFile("onnx-check", ".py");
        try {
            Files.writeString(file, script);
            List<String> cmd = new ArrayList<>(List.of(python, file.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                Assertions.fail(python + " did not finish within 120 s");
            }
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
