package io.hyperrep.ml.nd;

import io.hyperrep.core.platform.NativeBuildChoice;
import io.hyperrep.core.platform.NativeBuildGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One place that starts ND4J and says which native build and how many threads it runs on. It first
 * lets {@link NativeBuildGuard} choose the native build from the CPU's flags (JavaCPP alone would load
 * the AVX-512 build on any CPU and die with SIGILL), then checks which library was really loaded.
 */
public final class Backend {

    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    private static volatile String description;

    private Backend() {}

    /**
     * Initialises ND4J once (float32 default) and returns a one-line description of the backend.
     *
     * @throws io.hyperrep.core.platform.NativeBuildException when the requested native build cannot run here
     */
    public static synchronized String init() {
        if (description == null) {
            NativeBuildChoice choice = NativeBuildGuard.apply();
            QuietStdout.install();
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            String backend = String.valueOf(
                    env.getOrDefault("backend", Nd4j.getBackend().getClass().getSimpleName()));
            String blas = String.valueOf(env.getOrDefault("blas.vendor", "?"));
            boolean onednn = hasOneDnn();
            int threads = Nd4j.getEnvironment().maxThreads();
            String loaded = loadedNativeBuild().orElse("?");
            if (!loaded.equals(choice.classifier()) && !loaded.equals("?")) {
                // ND4J was loaded before the guard ran (e.g. an embedding application touched Nd4j first).
                LOG.warn(
                        "ND4J loaded the native build {} although {} was chosen; call Backend.init() before any ND4J use",
                        loaded,
                        choice.describe());
            }
            description = backend + " " + loaded + " (blas " + blas + ", oneDNN " + (onednn ? "on" : "off") + ", "
                    + threads + " threads)";
            LOG.info("ND4J native build {} ({}); backend {}", loaded, choice.reason(), description);
        }
        return description;
    }

    /** Whether ND4J runs on a CUDA GPU (the {@code -Pcuda} build). */
    public static boolean isGpu() {
        return init().toUpperCase(java.util.Locale.ROOT).startsWith("CUDA");
    }

    /**
     * Sets ND4J's native (OpenMP) threads per op. For N Java threads each driving its own population,
     * 1 thread per op measured 2.1x the throughput of one population with 2 threads per op
     * (memory-bound ops scale poorly; docs/PERFORMANCE.md).
     */
    public static void threadsPerOp(int threads) {
        init();
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads); // OpenBLAS keeps its own pool
        synchronized (Backend.class) {
            description = description.replaceAll(", \\d+ threads\\)$", ", " + threads + " threads per op)");
        }
    }

    /**
     * Sets the OpenMP thread count of the <em>calling</em> thread (OpenMP keeps it per thread, other
     * threads keep theirs) and returns the previous one. OpenMP is what oneDNN's kernels (matmul, conv,
     * softmax) run on; {@link #threadsPerOp} does not reach it. On a busy machine a oneDNN matmul with
     * 2 OpenMP threads took 2-15 ms where 1 thread took 0.2-0.4 ms (threads spinning for a core the
     * other processes hold), so callers driving many small ops set 1 around their work and restore
     * (docs/decisions/native-threads.md).
     */
    public static int ompThreadsOnThisThread(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("OpenMP threads must be >= 1, got " + threads);
        }
        init();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int previous = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(threads);
        return previous;
    }

    /**
     * The native build this JVM really loaded, read from the directory JavaCPP extracted
     * {@code libnd4jcpu.so} to (e.g. {@code linux-x86_64-onednn}); empty where {@code /proc/self/maps}
     * is not readable or ND4J is not loaded yet.
     */
    public static Optional<String> loadedNativeBuild() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(line -> line.endsWith("/libnd4jcpu.so"))
                    .map(line -> Path.of(line.substring(line.indexOf('/')))
                            .getParent()
                            .getFileName()
                            .toString())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean hasOneDnn() {
        try {
            Class<?> holder = Class.forName("org.nd4j.nativeblas.NativeOpsHolder");
            Object ops = holder.getMethod("getDeviceNativeOps")
                    .invoke(holder.getMethod("getInstance").invoke(null));
            Object info = ops.getClass().getMethod("buildInfo").invoke(ops);
            return String.valueOf(info).contains("HAVE_ONEDNN");
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
