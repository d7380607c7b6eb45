package io.hyperrep.ml.cnn;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for the evaluators' tasks: a task's own runtime exception is rethrown as it is. */
final class Futures {

    private Futures() {}

    static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating a population", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
