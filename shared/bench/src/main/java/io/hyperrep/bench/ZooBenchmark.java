package io.hyperrep.bench;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.nn.train.LaneTrainer;
import io.hyperrep.core.nn.train.TrainingFlops;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.ml.cnn.BlockedPopulationEvaluator;
import io.hyperrep.ml.cnn.ParallelPopulationEvaluator;
import io.hyperrep.ml.cnn.PopulationEvaluator;
import io.hyperrep.ml.cnn.PopulationTrainer;
import io.hyperrep.ml.cnn.StepListener;
import io.hyperrep.ml.nd.Backend;
import io.hyperrep.ml.nd.SgemmPeak;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Population-batched zoo training and evaluation against the single-model path (a population of 1,
 * the same code), all measured in one run on Fashion-MNIST with the default recipe: the SameDiff graphs
 * and the Java training kernel ({@link LaneTrainer}), with GFLOP/s against an sgemm peak of the same run.
 */
public final class ZooBenchmark {

    private static final int WARMUP_STEPS = 20;
    /** The kernel is timed over at least this many steps: it runs 10-20x faster, and short timings are noisy. */
    private static final int KERNEL_MIN_STEPS = 600;

    private final int steps;
    private final int[] sizes;
    private final Path dataDir;

    public ZooBenchmark(int steps, int[] sizes, Path dataDir) {
        this.steps = BenchSetup.requirePositiveSteps(steps);
        this.sizes = BenchSetup.requirePopulationSizes(sizes);
        this.dataDir = dataDir;
    }

    public void run(PrintStream out) {
        DefaultWorkload workload = DefaultWorkload.load(dataDir);
        ImageDataset data = workload.data();
        ZooRecipe recipe = workload.recipe();
        Architecture arch = workload.arch();
        BenchSetup.printMachine(out);
        out.printf(
                Locale.ROOT,
                "recipe: %s %s, batch %d per model, %d timed steps after %d warm-up steps%n%n",
                recipe.dataset(),
                recipe.arch(),
                recipe.batchSize(),
                steps,
                WARMUP_STEPS);
        double peakBefore = SgemmPeak.gflops();
        out.println("training (model*images/s)");
        int[] populations = Arrays.stream(sizes).filter(k -> k != 1).toArray();
        int[] all = populations;
        // The single-model baseline is measured before and after the populations (JIT and caches warm
        // up during the run); the faster of the two is used, so the ratios are conservative.
        double[] first = trainRate(recipe, data, 1);
        double[][] pops = new double[all.length][];
        for (int i = 0; i < all.length; i++) {
            pops[i] = trainRate(recipe, data, all[i]);
        }
        double[] last = trainRate(recipe, data, 1);
        double base = Math.max(first[0], last[0]);
        out.printf(
                Locale.ROOT,
                "  single model    : %9.0f model*img/s  %7.1f ms/step  (first %.0f, last %.0f)%n",
                base,
                1000.0 * recipe.batchSize() / base,
                first[0],
                last[0]);
        for (int i = 0; i < all.length; i++) {
            out.printf(
                    Locale.ROOT,
                    "  population %4d: %9.0f model*img/s  %7.1f ms/step  x%.2f vs single%n",
                    all[i],
                    pops[i][0],
                    pops[i][1],
                    pops[i][0] / base);
        }
        all = Arrays.stream(sizes).toArray();
        int cores = Runtime.getRuntime().availableProcessors();
        int largest = Arrays.stream(all).max().orElse(1);
        double workers = Double.NaN;
        if (cores > 1) {
            workers = parallelRate(recipe, data, cores, largest);
            out.printf(
                    Locale.ROOT,
                    "  %d workers x population %d, 1 native thread per op each: %9.0f model*img/s  x%.2f vs single%n",
                    cores,
                    largest,
                    workers,
                    workers / base);
            Backend.threadsPerOp(cores);
        }
        double sameDiffPopulation = base; // the largest SameDiff population graph measured (the single model if none)
        int largestGraph = 0;
        for (int i = 0; i < pops.length; i++) {
            if (populations[i] > largestGraph) {
                largestGraph = populations[i];
                sameDiffPopulation = pops[i][0];
            }
        }
        printKernel(out, recipe, data, all, cores, sameDiffPopulation, Math.max(1, largestGraph), workers, peakBefore);
        out.println();
        out.println("evaluation on the 10k test set (evaluations/s)");
        int popK = Arrays.stream(all).max().orElse(1);
        evalRate(arch, recipe, data, 1, 1); // warm-up
        double single = evalRate(arch, recipe, data, 1, 3);
        double pop = evalRate(arch, recipe, data, popK, 1);
        out.printf(Locale.ROOT, "  single model     : %7.3f evals/s%n", single);
        out.printf(Locale.ROOT, "  population %4d  : %7.3f evals/s  x%.2f vs single%n", popK, pop, pop / single);
        if (cores > 1) {
            double lanes = laneEvalRate(arch, recipe, data, cores, popK);
            out.printf(
                    Locale.ROOT,
                    "  %d lanes x population %d, 1 OpenMP thread each: %7.3f evals/s  x%.2f vs single%n",
                    cores,
                    popK / cores,
                    lanes,
                    lanes / single);
        }
        double blockedOne = blockedEvalRate(arch, recipe, data, cores, 1, 3);
        double blocked = blockedEvalRate(arch, recipe, data, cores, popK, 1);
        out.printf(
                Locale.ROOT,
                "  population %4d, blocked Java kernel, %d threads: %7.3f evals/s  x%.2f vs single%n",
                popK,
                cores,
                blocked,
                blocked / single);
        out.printf(
                Locale.ROOT,
                "  (the same kernel for 1 model at a time: %7.3f evals/s  x%.2f vs single)%n",
                blockedOne,
                blockedOne / single);
    }

    /** {model*images/s, ms/step} of one population of {@code k}. */
    private double[] trainRate(ZooRecipe recipe, ImageDataset data, int k) {
        PopulationTrainer t = PopulationTrainer.create(recipe, seeds(k));
        t.trainEpoch(data.train(), WARMUP_STEPS, StepListener.NONE);
        long t0 = System.nanoTime();
        t.trainEpoch(data.train(), steps, StepListener.NONE);
        double s = (System.nanoTime() - t0) / 1e9;
        System.gc();
        return new double[] {(double) k * recipe.batchSize() * steps / s, 1000 * s / steps};
    }

    /**
     * The Java training kernel on every population size with all cores (after one JIT warm-up), against
     * the SameDiff rates of this run, with GFLOP/s against the sgemm peak (the better of before and now).
     */
    private void printKernel(
            PrintStream out,
            ZooRecipe recipe,
            ImageDataset data,
            int[] sizes,
            int cores,
            double sameDiffPopulation,
            int sameDiffK,
            double workers,
            double peakBefore) {
        long flops = TrainingFlops.perImage(Architectures.byId(recipe.arch()));
        int timed = Math.max(steps, KERNEL_MIN_STEPS);
        kernelRate(recipe, data, LaneTrainer.lanes(), cores, 300);
        double[] kernel = new double[sizes.length];
        int largest = 0;
        for (int i = 0; i < sizes.length; i++) {
            kernel[i] = kernelRate(recipe, data, sizes[i], cores, timed);
            largest = sizes[i] > sizes[largest] ? i : largest;
        }
        double peak = Math.max(peakBefore, SgemmPeak.gflops());
        out.printf(
                Locale.ROOT,
                "  Java training kernel (Vector API, %d lanes = models per vector, %d threads, %d timed steps):%n",
                LaneTrainer.lanes(),
                cores,
                timed);
        for (int i = 0; i < sizes.length; i++) {
            out.printf(
                    Locale.ROOT,
                    "  kernel population %4d: %9.0f model*img/s  %7.2f ms/step  %6.1f GFLOP/s  x%.1f vs SameDiff population %d%s%n",
                    sizes[i],
                    kernel[i],
                    1000.0 * recipe.batchSize() * sizes[i] / kernel[i],
                    kernel[i] * flops / 1e9,
                    kernel[i] / sameDiffPopulation,
                    sameDiffK,
                    Double.isNaN(workers)
                            ? ""
                            : String.format(Locale.ROOT, ", x%.1f vs %d workers", kernel[i] / workers, cores));
        }
        double best = kernel[largest] * flops / 1e9;
        out.printf(
                Locale.ROOT,
                "  GFLOP/s: %.3f MFLOP of forward+backward per model*image (TrainingFlops); sgemm peak %.1f GFLOP/s"
                        + " (Nd4j.gemm %dx%d, best of before/after); SameDiff population %d: %.1f GFLOP/s; kernel population %d: %.1f GFLOP/s"
                        + " = %.1f%% of peak%n",
                flops / 1e6,
                peak,
                SgemmPeak.SIZE,
                SgemmPeak.SIZE,
                sameDiffK,
                sameDiffPopulation * flops / 1e9,
                sizes[largest],
                best,
                100 * best / peak);
    }

    /** model*images/s of the Java kernel training a population of {@code k} on {@code threads} threads, timed over {@code timed} steps. */
    private double kernelRate(ZooRecipe recipe, ImageDataset data, int k, int threads, int timed) {
        LaneTrainer t = LaneTrainer.create(recipe, seeds(k), threads);
        t.trainEpoch(data.train(), WARMUP_STEPS, (step, n, loss) -> {});
        long t0 = System.nanoTime();
        t.trainEpoch(data.train(), timed, (step, n, loss) -> {});
        return (double) k * recipe.batchSize() * timed / ((System.nanoTime() - t0) / 1e9);
    }

    /** Aggregate rate of {@code workers} threads each training its own population with one native thread per op. */
    private double parallelRate(ZooRecipe recipe, ImageDataset data, int workers, int k) {
        Backend.threadsPerOp(1);
        double[] rates = new double[workers];
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            final int id = w;
            threads[w] = new Thread(
                    () -> {
                        PopulationTrainer t = PopulationTrainer.create(recipe, seeds(k));
                        t.trainEpoch(data.train(), WARMUP_STEPS, StepListener.NONE);
                        long t0 = System.nanoTime();
                        t.trainEpoch(data.train(), steps, StepListener.NONE);
                        rates[id] = (double) k * recipe.batchSize() * steps / ((System.nanoTime() - t0) / 1e9);
                    },
                    "bench-worker-" + w);
            threads[w].start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Arrays.stream(rates).sum();
    }

    private static double evalRate(Architecture arch, ZooRecipe recipe, ImageDataset data, int k, int reps) {
        PopulationEvaluator ev = new PopulationEvaluator(arch, recipe.activation());
        float[][] w = PopulationTrainer.create(recipe, seeds(k)).weights();
        ev.evaluate(w, data.test().head(500), recipe.normalization());
        long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            ev.evaluate(w, data.test(), recipe.normalization());
        }
        return (double) k * reps / ((System.nanoTime() - t0) / 1e9);
    }

    /** Evaluations/s of a population of {@code k} split across {@code lanes} single-threaded lanes. */
    private static double laneEvalRate(Architecture arch, ZooRecipe recipe, ImageDataset data, int lanes, int k) {
        try (ParallelPopulationEvaluator ev = new ParallelPopulationEvaluator(arch, recipe.activation(), lanes)) {
            float[][] w = PopulationTrainer.create(recipe, seeds(k)).weights();
            ev.evaluate(w, data.test().head(500), recipe.normalization());
            long t0 = System.nanoTime();
            ev.evaluate(w, data.test(), recipe.normalization());
            return k / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** Evaluations/s of a population of {@code k} with the plain-Java blocked kernel. */
    private static double blockedEvalRate(
            Architecture arch, ZooRecipe recipe, ImageDataset data, int threads, int k, int reps) {
        try (BlockedPopulationEvaluator ev = new BlockedPopulationEvaluator(arch, recipe.activation(), threads)) {
            float[][] w = PopulationTrainer.create(recipe, seeds(k)).weights();
            ev.evaluate(w, data.test().head(2000), recipe.normalization()); // JIT warm-up
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                ev.evaluate(w, data.test(), recipe.normalization());
            }
            return (double) k * reps / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static long[] seeds(int k) {
        long[] s = new long[k];
        for (int i = 0; i < k; i++) {
            s[i] = i + 1L;
        }
        return s;
    }
}
