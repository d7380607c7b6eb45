package io.hyperrep.bench;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.ml.cnn.BlockedPopulationEvaluator;
import io.hyperrep.ml.cnn.ParallelPopulationEvaluator;
import io.hyperrep.ml.cnn.PopulationEvaluator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;

/**
 * {@code bench eval}: epoch-0 evaluations (full test set, predictions kept, as {@code evaluate} does)
 * of generated models per second, one model at a time against population-batched graphs of several
 * sizes, all in one run. Freshly initialised models stand in for generated ones: evaluation cost does
 * not depend on the weights.
 */
public final class EvalBenchmark {

    /** Number of models evaluated by every path. */
    public static final int MODELS = 100;

    private final int models;
    private final int[] sizes;
    private final Path dataDir;

    public EvalBenchmark(int models, int[] sizes, Path dataDir) {
        if (models <= 0) {
            throw new IllegalArgumentException("the benchmark needs at least one model, got " + models);
        }
        TreeSet<Integer> s = new TreeSet<>();
        Arrays.stream(BenchSetup.requirePopulationSizes(sizes))
                .filter(k -> k > 1 && k <= models)
                .forEach(s::add);
        s.add(models);
        this.models = models;
        this.sizes = s.stream().mapToInt(Integer::intValue).toArray();
        this.dataDir = dataDir;
    }

    public void run(PrintStream out) {
        DefaultWorkload workload = DefaultWorkload.load(dataDir);
        ZooRecipe recipe = workload.recipe();
        Architecture arch = workload.arch();
        ImageSet test = workload.data().test();
        BenchSetup.printMachine(out);
        out.printf(
                Locale.ROOT,
                "epoch-0 evaluation of %d generated %s models on %d test images (predictions kept)%n",
                models,
                arch.id(),
                test.count());
        float[][] w = new float[models][];
        for (int i = 0; i < models; i++) {
            w[i] = ModelSeeds.initialWeights(arch, recipe.init(), 1_000_000 + i);
        }
        PopulationEvaluator ev = new PopulationEvaluator(arch, recipe.activation());
        // Warm-up of both paths (JIT, native kernels) on a small slice, so neither pays it in the timing.
        ImageSet slice = test.head(500);
        ev.evaluate(new float[][] {w[0]}, slice, recipe.normalization(), true);
        ev.evaluate(Arrays.copyOf(w, sizes[0]), slice, recipe.normalization(), true);

        double single = rate(ev, w, 1, test, recipe);
        out.printf(
                Locale.ROOT,
                "  single model (population of 1, looped): %7.2f evals/s  (%5.1f s for %d)%n",
                single,
                models / single,
                models);
        for (int k : sizes) {
            printRate(
                    out,
                    String.format(Locale.ROOT, "  populations of %4d                    ", k),
                    rate(ev, w, k, test, recipe),
                    single);
        }
        int lanes = Runtime.getRuntime().availableProcessors();
        if (lanes > 1) {
            try (ParallelPopulationEvaluator pev = new ParallelPopulationEvaluator(arch, recipe.activation(), lanes)) {
                pev.evaluate(Arrays.copyOf(w, lanes), slice, recipe.normalization(), true, false); // warm-up
                long t0 = System.nanoTime();
                pev.evaluate(w, test, recipe.normalization(), true, false);
                double r = models / ((System.nanoTime() - t0) / 1e9);
                printRate(
                        out,
                        String.format(Locale.ROOT, "  %d lanes x population %4d, 1 thread ", lanes, models / lanes),
                        r,
                        single);
            }
        }
        try (BlockedPopulationEvaluator bev = new BlockedPopulationEvaluator(arch, recipe.activation(), lanes)) {
            bev.evaluate(w, test.head(2000), recipe.normalization(), true, false); // JIT warm-up
            long t0 = System.nanoTime();
            for (float[] model : w) {
                bev.evaluate(new float[][] {model}, test, recipe.normalization(), true, false);
            }
            double one = models / ((System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            bev.evaluate(w, test, recipe.normalization(), true, false);
            double r = models / ((System.nanoTime() - t0) / 1e9);
            printRate(
                    out,
                    String.format(Locale.ROOT, "  population %4d, blocked Java kernel, %d threads", models, lanes),
                    r,
                    single);
            out.printf(
                    Locale.ROOT,
                    "  (the same kernel, 1 model at a time      : %7.2f evals/s  (%5.1f s for %d)  x%.2f vs single)%n",
                    one,
                    models / one,
                    models,
                    one / single);
        }
    }

    /** One line of the table: {@code label}, then the rate, the time for all models and the ratio to one at a time. */
    private void printRate(PrintStream out, String label, double rate, double single) {
        out.printf(
                Locale.ROOT,
                "%s: %7.2f evals/s  (%5.1f s for %d)  x%.2f vs single%n",
                label,
                rate,
                models / rate,
                models,
                rate / single);
    }

    /** Evaluations per second of all models in chunks of {@code k}. */
    private double rate(PopulationEvaluator ev, float[][] w, int k, ImageSet test, ZooRecipe recipe) {
        long t0 = System.nanoTime();
        for (int start = 0; start < w.length; start += k) {
            ev.evaluate(
                    Arrays.copyOfRange(w, start, Math.min(w.length, start + k)), test, recipe.normalization(), true);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.gc();
        return w.length / s;
    }
}
