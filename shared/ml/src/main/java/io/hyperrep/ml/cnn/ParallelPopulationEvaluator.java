package io.hyperrep.ml.cnn;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.data.Normalization;
import io.hyperrep.ml.nd.Backend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A population evaluated by several lanes at once: the models are cut into balanced slices, and each
 * lane (one thread with its own {@link PopulationEvaluator} and one OpenMP thread) evaluates a slice.
 * On 2 cores two single-threaded lanes beat one graph with 2 threads per op: the graph's many small ops
 * leave the second thread idle or spinning, while lanes keep both cores on whole forward passes (the
 * zoo trainer's workers measured the same effect, docs/PERFORMANCE.md). Results equal
 * {@link PopulationEvaluator}'s exactly: a model's forward pass does not depend on its slice.
 */
public final class ParallelPopulationEvaluator implements AutoCloseable {

    private final List<PopulationEvaluator> evaluators = new ArrayList<>();
    private final List<ExecutorService> lanes = new ArrayList<>();

    /** {@code lanes} threads; 1 is {@link PopulationEvaluator} on one extra thread. */
    public ParallelPopulationEvaluator(Architecture arch, Activation activation, int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("evaluation lanes must be >= 1, got " + lanes);
        }
        for (int i = 0; i < lanes; i++) {
            evaluators.add(new PopulationEvaluator(arch, activation));
            int id = i;
            ExecutorService lane = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "population-eval-" + id);
                t.setDaemon(true);
                return t;
            });
            // OpenMP keeps the thread count per thread: set it once, on the lane's own thread
            submit(lane, () -> Backend.ompThreadsOnThisThread(1));
            this.lanes.add(lane);
        }
    }

    /** As {@link PopulationEvaluator#evaluate(float[][], ImageSet, Normalization, boolean, boolean)}. */
    public Evaluation evaluate(
            float[][] weights, ImageSet data, Normalization norm, boolean keepPredictions, boolean keepProbabilities) {
        int k = weights.length;
        int n = Math.min(lanes.size(), k);
        List<Future<Evaluation>> parts = new ArrayList<>(n);
        int[] from = new int[n + 1];
        for (int i = 0; i < n; i++) {
            from[i + 1] = from[i] + k / n + (i < k % n ? 1 : 0);
            float[][] slice = Arrays.copyOfRange(weights, from[i], from[i + 1]);
            PopulationEvaluator ev = evaluators.get(i);
            parts.add(lanes.get(i).submit(() -> ev.evaluate(slice, data, norm, keepPredictions, keepProbabilities)));
        }
        double[] accuracy = new double[k];
        double[] loss = new double[k];
        byte[][] predictions = keepPredictions ? new byte[k][] : null;
        float[][] probabilities = keepProbabilities ? new float[k][] : null;
        for (int i = 0; i < n; i++) {
            Evaluation e = Futures.join(parts.get(i));
            int len = from[i + 1] - from[i];
            System.arraycopy(e.accuracy(), 0, accuracy, from[i], len);
            System.arraycopy(e.loss(), 0, loss, from[i], len);
            if (keepPredictions) {
                System.arraycopy(e.predictions(), 0, predictions, from[i], len);
            }
            if (keepProbabilities) {
                System.arraycopy(e.probabilities(), 0, probabilities, from[i], len);
            }
        }
        return new Evaluation(accuracy, loss, predictions, probabilities);
    }

    /** Accuracy and loss only. */
    public Evaluation evaluate(float[][] weights, ImageSet data, Normalization norm) {
        return evaluate(weights, data, norm, false, false);
    }

    public int lanes() {
        return lanes.size();
    }

    @Override
    public void close() {
        lanes.forEach(ExecutorService::shutdownNow);
    }

    private static void submit(ExecutorService lane, Runnable r) {
        Futures.join(lane.submit(r, null));
    }
}
