package io.hyperrep.ml.nd;

import java.util.Properties;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
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
            int threads = Integer.parseInt(String.valueOf(env.getOrDefault("omp.threads", "0")));
            description = backend + " (blas " + blas + ", oneDNN " + (onednn ? "on" : "off") + ", " + threads + " threads)";
            LOG.info("ND4J backend: {}", description);
        }
        return description;
    }

    private static boolean hasOneDnn() {
        try {
            Object info = Nd4j.getExecutioner().getClass().getMethod("buildInfo").invoke(Nd4j.getExecutioner());
            return String.valueOf(info).contains("HAVE_ONEDNN");
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
