package io.hyperrep.ml.nd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.platform.NativeBuildGuard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The portable native build, forced, on whatever machine runs the suite: an AVX-512 CI machine would
 * otherwise never load the build that AVX2 machines get, and a regression there (a SIGILL, a missing
 * jar that makes JavaCPP fall back to the build without oneDNN) would go unseen. Each case runs the
 * same real workload in a child JVM and compares it with this JVM's run on the automatically chosen build.
 */
class PortableNativeBuildTest {

    @Test
    void thePortableOneDnnBuildLoadsAndComputesWhatTheChosenBuildComputes() throws Exception {
        Backend.init();
        NativeBuildProbe.Result here = NativeBuildProbe.run();

        Map<String, String> child = probe(Map.of(NativeBuildGuard.ENV, "onednn"));
        assertEquals("linux-x86_64-onednn", child.get("build"), "the forced portable build must be the one loaded");
        String[] acc = child.get("accuracy").split(",");
        for (int m = 0; m < 2; m++) {
            assertEquals(here.accuracy()[m], Double.parseDouble(acc[m]), 0.01, "test accuracy of model " + m);
        }
        assertEquals(
                here.weightSum(),
                Double.parseDouble(child.get("weights")),
                1e-3 * here.weightSum(),
                "sum of |weights|");
        assertTrue(here.accuracy()[0] > 0.15, "60 steps must learn something (chance is 0.10): " + here.accuracy()[0]);
    }

    @Test
    void theChosenBuildIsTheOneLoaded() {
        Backend.init();
        assertEquals(
                NativeBuildGuard.applied().orElseThrow().classifier(),
                Backend.loadedNativeBuild().orElseThrow());
    }

    @Test
    void aBuildTheClasspathLacksIsRefusedWithOneLineNotSilentlyReplaced() throws Exception {
        Process p = start(Map.of(NativeBuildGuard.ENV, "onednn-avx2"));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertTrue(p.exitValue() != 0, out);
        assertTrue(
                out.contains(
                        "HYPERREP_ND4J_BUILD=onednn-avx2: the classpath holds no linux-x86_64-onednn-avx2 native libraries"),
                out);
        assertTrue(!out.contains("build="), "nothing may run on a silently substituted build: " + out);
    }

    private static Map<String, String> probe(Map<String, String> env) throws IOException, InterruptedException {
        Process p = start(env);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "probe timed out");
        assertEquals(0, p.exitValue(), "probe failed:\n" + out);
        Map<String, String> values = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && List.of("build", "accuracy", "weights").contains(line.substring(0, eq))) {
                values.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return values;
    }

    private static Process start(Map<String, String> env) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-Xmx1g",
                        "--add-modules",
                        "jdk.incubator.vector",
                        "-cp",
                        System.getProperty("java.class.path"),
                        NativeBuildProbe.class.getName())
                .redirectErrorStream(true);
        pb.environment().remove(NativeBuildGuard.ENV);
        pb.environment().putAll(env);
        return pb.start();
    }
}
