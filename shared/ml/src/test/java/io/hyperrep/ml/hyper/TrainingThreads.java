package io.hyperrep.ml.hyper;

import io.hyperrep.ml.nd.Backend;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Initialises the backend and runs a test class with the OpenMP threads training uses, restoring the earlier count
 * afterwards: with 2 OpenMP threads on a busy machine the graph tests ran ~10x longer.
 */
final class TrainingThreads implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TrainingThreads.class);
    private static final String EARLIER = "earlier OpenMP threads";

    @Override
    public void beforeAll(ExtensionContext context) {
        Backend.init();
        int earlier = Backend.ompThreadsOnThisThread(AutoencoderTrainer.NATIVE_THREADS);
        context.getStore(NAMESPACE).put(EARLIER, earlier);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Backend.ompThreadsOnThisThread(context.getStore(NAMESPACE).get(EARLIER, Integer.class));
    }
}
