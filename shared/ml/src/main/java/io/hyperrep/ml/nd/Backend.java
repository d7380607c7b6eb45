package io.hyperrep.ml.nd;

import java.util.Properties;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One place that starts ND4J and says which native build and how many threads it runs on. */
public final class Backend {

    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    private static volatile String description;
    private static final Object HELPERS_LOCK = new Object();
    private static int helpersOffDepth;
    private static boolean helpersBefore;

    private Backend() {
    }

    /** Initialises ND4J once (float32 default) and returns a one-line description of the backend. */
    public static synchronized String init() {
        if (description == null) {
            QuietStdout.install();
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            String backend = String.valueOf(env.getOrDefault("backend", Nd4j.getBackend().getClass().getSimpleName()));
            String blas = String.valueOf(env.getOrDefault("blas.vendor", "?"));
            boolean onednn = hasOneDnn();
            int threads = Nd4j.getEnvironment().maxThreads();
            description = backend + " (blas " + blas + ", oneDNN " + (onednn ? "on" : "off") + ", " + threads + " threads)";
            LOG.info("ND4J backend: {}", description);
        }
        return description;
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
        Nd4j.factory().blas().setMaxThreads(threads);   // OpenBLAS keeps its own pool
        synchronized (Backend.class) {
            description = description.replaceAll(", \\d+ threads\\)$", ", " + threads + " threads per op)");
        }
    }

    /**
     * Runs {@code work} with ND4J's platform helpers (oneDNN) switched off, then restores them. For
     * graphs of tiny ops the helpers cost far more than they save: a GAN step on two width-64 MLPs
     * measured 67 ms of CPU with oneDNN and 7.8 ms without (docs/SAMPLERS.md). The switch is global
     * to the process, so ND4J work in other threads meanwhile also runs without helpers (slower, and
     * not bit-identical to a run with them); overlapping calls keep the helpers off until the last ends.
     */
    public static <T> T withoutHelpers(Supplier<T> work) {
        init();
        synchronized (HELPERS_LOCK) {
            if (helpersOffDepth++ == 0) {
                helpersBefore = Nd4j.getEnvironment().helpersAllowed();
                Nd4j.getEnvironment().allowHelpers(false);
            }
        }
        try {
            return work.get();
        } finally {
            synchronized (HELPERS_LOCK) {
                if (--helpersOffDepth == 0) {
                    Nd4j.getEnvironment().allowHelpers(helpersBefore);
                }
            }
        }
    }

    private static boolean hasOneDnn() {
        try {
            Class<?> holder = Class.forName("org.nd4j.nativeblas.NativeOpsHolder");
            Object ops = holder.getMethod("getDeviceNativeOps").invoke(holder.getMethod("getInstance").invoke(null));
            Object info = ops.getClass().getMethod("buildInfo").invoke(ops);
            return String.valueOf(info).contains("HAVE_ONEDNN");
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
