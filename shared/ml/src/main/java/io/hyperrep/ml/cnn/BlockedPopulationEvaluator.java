package io.hyperrep.ml.cnn;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.data.Normalization;
import io.hyperrep.core.nn.BlockedCnn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Evaluates a population with {@link BlockedCnn}, the plain-Java kernel vectorised across blocks of
 * images, on a fixed pool of threads. The images are put into block layout once per call and shared
 * by every model; the work is cut into (model, 256-image range) tasks, enough of them to keep every
 * thread busy even for a single model. Partial sums are combined in a fixed order, so results do not
 * depend on the number of threads.
 *
 * <p>Measured against the SameDiff graphs ({@link PopulationEvaluator}, {@link ParallelPopulationEvaluator})
 * by {@code ./hyperrep bench zoo} and {@code bench eval}: the SameDiff forward pass spends its time in
 * per-op overhead, im2col copies and unfused pooling for layers this small (docs/PERFORMANCE.md).
 */
public final class BlockedPopulationEvaluator implements AutoCloseable {

    /** Images per block: long enough vector runs for CNN-s's 3-pixel rows, small enough for L2. */
    public static final int BLOCK = 32;
    /** Blocks per task (256 images): enough tasks to keep every thread busy even for one model. */
    private static final int RANGE_BLOCKS = 8;

    /**
     * One daemon thread per core for the whole JVM, shared by every {@link #perCore} evaluator: zoo
     * workers, samplers and evaluators that evaluate at the same time queue on the cores instead of
     * oversubscribing them.
     */
    private static final class CorePool {
        static final int THREADS = Runtime.getRuntime().availableProcessors();
        static final ExecutorService POOL = newPool(THREADS);
    }

    private final Architecture arch;
    private final Activation activation;
    private final int threads;
    private final ExecutorService pool;
    private final boolean ownsPool;

    /** An evaluator with its own {@code threads} threads, stopped by {@link #close()}. */
    public BlockedPopulationEvaluator(Architecture arch, Activation activation, int threads) {
        this(arch, activation, threads, newPool(checked(threads)), true);
    }

    private BlockedPopulationEvaluator(
            Architecture arch, Activation activation, int threads, ExecutorService pool, boolean ownsPool) {
        this.arch = arch;
        this.activation = activation;
        this.threads = threads;
        this.pool = pool;
        this.ownsPool = ownsPool;
    }

    /** An evaluator on the JVM's shared pool of one thread per core; thread-safe, {@link #close()} is a no-op. */
    public static BlockedPopulationEvaluator perCore(Architecture arch, Activation activation) {
        return new BlockedPopulationEvaluator(arch, activation, CorePool.THREADS, CorePool.POOL, false);
    }

    private static int checked(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("evaluation threads must be >= 1, got " + threads);
        }
        return threads;
    }

    private static ExecutorService newPool(int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "blocked-eval");
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    /** Accuracy and loss only. */
    public Evaluation evaluate(float[][] weights, ImageSet data, Normalization norm) {
        return evaluate(weights, data, norm, false, false);
    }

    /**
     * Accuracy and mean cross-entropy of every model, optionally with every prediction and softmax
     * output (as {@link PopulationEvaluator#evaluate(float[][], ImageSet, Normalization, boolean, boolean)}).
     */
    public Evaluation evaluate(
            float[][] weights, ImageSet data, Normalization norm, boolean keepPredictions, boolean keepProbabilities) {
        arch.requireFits(data);
        for (int m = 0; m < weights.length; m++) {
            if (weights[m].length != arch.parameterCount()) {
                throw new IllegalArgumentException("model " + m + " has " + weights[m].length + " parameters, "
                        + arch.id() + " has " + arch.parameterCount());
            }
        }
        int k = weights.length;
        int n = data.count();
        int blocks = (n + BLOCK - 1) / BLOCK;
        float[][] input = blockInput(data, norm, blocks);
        // fixed-size ranges (not per thread): the partial sums, and so the results, never depend on threads
        int ranges = (blocks + RANGE_BLOCKS - 1) / RANGE_BLOCKS;
        int[] firstBlock = new int[ranges + 1];
        for (int r = 0; r < ranges; r++) {
            firstBlock[r + 1] = Math.min(blocks, firstBlock[r] + RANGE_BLOCKS);
        }
        long[][] correct = new long[k][ranges];
        double[][] lossSum = new double[k][ranges];
        byte[][] preds = keepPredictions ? new byte[k][n] : null;
        float[][] probs = keepProbabilities ? new float[k][n * arch.classes()] : null;
        List<Future<?>> tasks = new ArrayList<>(k * ranges);
        for (int m = 0; m < k; m++) {
            for (int r = 0; r < ranges; r++) {
                int model = m;
                int range = r;
                tasks.add(pool.submit(() -> {
                    BlockedCnn cnn = new BlockedCnn(arch, activation, BLOCK);
                    for (int bi = firstBlock[range]; bi < firstBlock[range + 1]; bi++) {
                        float[] logits = cnn.forward(weights[model], input[bi]);
                        int first = bi * BLOCK;
                        int count = Math.min(BLOCK, n - first);
                        score(logits, data, first, count, model, range, correct, lossSum, preds, probs);
                    }
                }));
            }
        }
        for (Future<?> f : tasks) {
            Futures.join(f);
        }
        double[] acc = new double[k];
        double[] loss = new double[k];
        for (int m = 0; m < k; m++) {
            long c = 0;
            double l = 0;
            for (int r = 0; r < ranges; r++) {
                c += correct[m][r];
                l += lossSum[m][r];
            }
            acc[m] = c / (double) n;
            loss[m] = l / n;
        }
        return new Evaluation(acc, loss, preds, probs);
    }

    private float[][] blockInput(ImageSet data, Normalization norm, int blocks) {
        float[] table = norm.table();
        int size = data.imageSize();
        float[][] input = new float[blocks][size * BLOCK];
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int lane = t;
            parts.add(pool.submit(() -> {
                for (int bi = lane; bi < blocks; bi += threads) {
                    int first = bi * BLOCK;
                    BlockedCnn.toBlock(
                            data.pixels(), size, first, Math.min(BLOCK, data.count() - first), table, BLOCK, input[bi]);
                }
            }));
        }
        parts.forEach(Futures::join);
        return input;
    }

    private void score(
            float[] logits,
            ImageSet data,
            int first,
            int count,
            int m,
            int r,
            long[][] correct,
            double[][] lossSum,
            byte[][] preds,
            float[][] probs) {
        int classes = arch.classes();
        for (int b = 0; b < count; b++) {
            int label = data.label(first + b);
            int arg = 0;
            float max = logits[b];
            for (int c = 1; c < classes; c++) {
                if (logits[c * BLOCK + b] > max) {
                    max = logits[c * BLOCK + b];
                    arg = c;
                }
            }
            double z = 0;
            for (int c = 0; c < classes; c++) {
                z += Math.exp(logits[c * BLOCK + b] - max);
            }
            lossSum[m][r] += Math.log(z) - (logits[label * BLOCK + b] - max);
            if (arg == label) {
                correct[m][r]++;
            }
            if (preds != null) {
                preds[m][first + b] = (byte) arg;
            }
            if (probs != null) {
                int to = (first + b) * classes;
                for (int c = 0; c < classes; c++) {
                    probs[m][to + c] = (float) (Math.exp(logits[c * BLOCK + b] - max) / z);
                }
            }
        }
    }

    @Override
    public void close() {
        if (ownsPool) {
            pool.shutdownNow();
        }
    }
}
