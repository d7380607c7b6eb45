package io.hyperrep.ml.nd;

import java.util.Properties;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One place that starts ND4J and says which native build and how many threads it runs on. */
public final class Backend {

    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    private static volatile String description;

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
     * Sets the OpenMP thread count of the <em>calling</em> thread (OpenMP keeps it per thread, other
     * threads keep theirs) and returns the previous one. OpenMP is what oneDNN's kernels (matmul, conv,
     * softmax) run on; {@link #threadsPerOp} does not reach it. On a busy machine a oneDNN matmul with
     * 2 OpenMP threads took 2-15 ms where 1 thread took 0.2-0.4 ms (threads spinning for a core the
     * other processes hold), so callers driving many small ops set 1 around their work and restore.
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
