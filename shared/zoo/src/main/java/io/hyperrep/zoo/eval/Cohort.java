package io.hyperrep.zoo.eval;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.ml.cnn.BlockedPopulationEvaluator;
import io.hyperrep.ml.cnn.Evaluation;
import io.hyperrep.ml.cnn.PopulationTraining;
import io.hyperrep.ml.cnn.TrainerKind;
import io.hyperrep.zoo.ZooException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Evaluates and fine-tunes the models of several populations on one task (fine-tuning on the plan's
 * {@link TrainerKind}). Models of different populations share population graphs (larger graphs are faster per model, docs/PERFORMANCE.md), in
 * groups of about equal size run by a pool of worker threads; results are put back per population.
 * Model i of every population trains with {@code seeds[i]}, so all populations see the same data order.
 */
final class Cohort {

    /** Inference on a test image costs about a tenth of a training step's work per image (forward only, no batch-10 overhead). */
    private static final double EVAL_COST_PER_IMAGE = 0.1;

    /**
     * Accuracies [population][epoch][model] (after epoch 0 only the fine-tuned models), epoch-0 predictions
     * [population][model][image], probabilities per kept epoch, and per snapshot epoch the fine-tuned weights and
     * predictions [population][model] of the populations that asked for them (null rows elsewhere).
     */
    record Outcome(
            double[][][] accuracy,
            byte[][][] predictions,
            Map<Integer, float[][][]> probabilities,
            Map<Integer, float[][][]> tunedWeights,
            Map<Integer, byte[][][]> tunedPredictions) {}

    private record Member(int population, int index) {}

    private final ZooRecipe recipe;
    private final Architecture arch;
    private final EvaluationPlan plan;
    private final BlockedPopulationEvaluator evaluator;

    Cohort(ZooRecipe recipe, EvaluationPlan plan) {
        this.recipe = recipe;
        this.arch = Architectures.byId(recipe.arch());
        this.plan = plan;
        this.evaluator = BlockedPopulationEvaluator.perCore(arch, recipe.activation());
    }

    /**
     * Every model is evaluated at epoch 0; of a population to fine-tune, its first {@code tuneLimit} models are
     * fine-tuned and evaluated after each epoch.
     *
     * @param fineTune          per population: fine-tune for the plan's epochs, or evaluate at epoch 0 only
     * @param tuneLimit         models fine-tuned per population at most (the first ones)
     * @param probabilityEpochs epochs at which the softmax outputs of the models evaluated then are kept
     * @param snapshot          per population: hand back the fine-tuned weights and predictions at {@code snapshotEpochs}
     */
    Outcome run(
            String stage,
            List<Population> pops,
            boolean[] fineTune,
            int tuneLimit,
            long[] seeds,
            ImageSet train,
            ImageSet test,
            boolean keepPredictions,
            Set<Integer> probabilityEpochs,
            boolean[] snapshot,
            Set<Integer> snapshotEpochs,
            EvaluationListener listener) {
        int epochs = plan.finetuneEpochs();
        double[][][] acc = new double[pops.size()][][];
        byte[][][] preds = new byte[pops.size()][][];
        Map<Integer, float[][][]> probs = new HashMap<>();
        for (int e : probabilityEpochs) {
            probs.put(e, new float[pops.size()][][]);
        }
        Map<Integer, float[][][]> snapWeights = new HashMap<>();
        Map<Integer, byte[][][]> snapPreds = new HashMap<>();
        for (int e : snapshotEpochs) {
            if (e >= 1 && e <= epochs) {
                snapWeights.put(e, new float[pops.size()][][]);
                snapPreds.put(e, new byte[pops.size()][][]);
            }
        }
        List<Member> tuned = new ArrayList<>();
        List<Member> fixed = new ArrayList<>();
        for (int p = 0; p < pops.size(); p++) {
            int size = pops.get(p).size();
            boolean tunes = fineTune[p] && epochs > 0;
            int tunedCount = tunes ? Math.min(tuneLimit, size) : 0;
            acc[p] = new double[(tunes ? epochs : 0) + 1][];
            for (int e = 0; e < acc[p].length; e++) {
                acc[p][e] = new double[e == 0 ? size : tunedCount];
            }
            preds[p] = new byte[size][];
            for (Map.Entry<Integer, float[][][]> byEpoch : probs.entrySet()) {
                byEpoch.getValue()[p] = new float[byEpoch.getKey() == 0 ? size : tunedCount][];
            }
            if (snapshot[p] && tunes) {
                for (int e : snapWeights.keySet()) {
                    snapWeights.get(e)[p] = new float[tunedCount][];
                    snapPreds.get(e)[p] = new byte[tunedCount][];
                }
            }
            if (size > seeds.length) {
                throw new IllegalArgumentException("population " + pops.get(p).name() + " has " + size
                        + " models but only " + seeds.length + " data-order seeds");
            }
            for (int i = 0; i < size; i++) {
                (i < tunedCount ? tuned : fixed).add(new Member(p, i));
            }
        }
        double evalCost = EVAL_COST_PER_IMAGE * test.count() / Math.max(1, train.count());
        double total = tuned.size() * (epochs + (epochs + 1) * evalCost) + fixed.size() * evalCost;
        listener.stage(stage, total);
        Progress progress = new Progress(listener);
        List<Runnable> jobs = new ArrayList<>();
        for (boolean fineTuned : new boolean[] {true, false}) {
            int groupEpochs = fineTuned ? epochs : 0; // the fixed populations are measured at epoch 0 only
            for (List<Member> g : balancedGroups(fineTuned ? tuned : fixed)) {
                jobs.add(() -> runGroup(
                        g,
                        pops,
                        seeds,
                        groupEpochs,
                        train,
                        test,
                        keepPredictions,
                        acc,
                        preds,
                        probs,
                        snapWeights,
                        snapPreds,
                        evalCost,
                        progress));
            }
        }
        runAll(jobs);
        return new Outcome(acc, preds, probs, snapWeights, snapPreds);
    }

    private void runGroup(
            List<Member> group,
            List<Population> pops,
            long[] seeds,
            int epochs,
            ImageSet train,
            ImageSet test,
            boolean keepPredictions,
            double[][][] acc,
            byte[][][] preds,
            Map<Integer, float[][][]> probs,
            Map<Integer, float[][][]> snapWeights,
            Map<Integer, byte[][][]> snapPreds,
            double evalCost,
            Progress progress) {
        int k = group.size();
        float[][] w = new float[k][];
        long[] groupSeeds = new long[k];
        for (int j = 0; j < k; j++) {
            Member m = group.get(j);
            w[j] = pops.get(m.population()).weights()[m.index()];
            groupSeeds[j] = seeds[m.index()];
        }
        String note = String.format(Locale.ROOT, "group of %d", k);
        record(group, 0, evaluate(w, test, keepPredictions, probs.containsKey(0)), acc, preds, probs);
        progress.add(k * evalCost, note + " epoch 0");
        if (epochs == 0) {
            return;
        }
        // each concurrent group's kernel trainer gets its share of the cores
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / plan.workers());
        PopulationTraining trainer =
                TrainerKind.orDefault(plan.trainer(), recipe).fromWeights(recipe, groupSeeds, w, 0, threads);
        for (int e = 1; e <= epochs; e++) {
            final int epoch = e;
            double[] stepped = {0};
            trainer.trainEpoch(train, (step, steps, loss) -> {
                double now = (double) k * step / steps;
                progress.add(now - stepped[0], note + " epoch " + epoch);
                stepped[0] = now;
            });
            float[][] now = trainer.weights();
            boolean snap = snapWeights.containsKey(e)
                    && group.stream().anyMatch(m -> snapWeights.get(epoch)[m.population()] != null);
            Evaluation ev = evaluate(now, test, snap, probs.containsKey(e));
            record(group, e, ev, acc, null, probs);
            if (snap) {
                for (int j = 0; j < k; j++) {
                    Member m = group.get(j);
                    float[][] rows = snapWeights.get(e)[m.population()];
                    if (rows != null) {
                        rows[m.index()] = now[j].clone();
                        snapPreds.get(e)[m.population()][m.index()] = ev.predictions()[j];
                    }
                }
            }
            progress.add(k * evalCost, note + " epoch " + epoch);
        }
    }

    private Evaluation evaluate(float[][] w, ImageSet test, boolean keepPredictions, boolean keepProbabilities) {
        return evaluator.evaluate(w, test, recipe.normalization(), keepPredictions, keepProbabilities);
    }

    private static void record(
            List<Member> group,
            int epoch,
            Evaluation ev,
            double[][][] acc,
            byte[][][] preds,
            Map<Integer, float[][][]> probs) {
        for (int j = 0; j < group.size(); j++) {
            Member m = group.get(j);
            if (epoch < acc[m.population()].length) {
                acc[m.population()][epoch][m.index()] = ev.accuracy()[j];
            }
            if (ev.predictions() != null && preds != null) {
                preds[m.population()][m.index()] = ev.predictions()[j];
            }
            if (ev.probabilities() != null) {
                probs.get(epoch)[m.population()][m.index()] = ev.probabilities()[j];
            }
        }
    }

    /** Splits {@code members} into ceil(n / groupSize) groups whose sizes differ by at most one. */
    private List<List<Member>> balancedGroups(List<Member> members) {
        List<List<Member>> out = new ArrayList<>();
        int n = members.size();
        if (n == 0) {
            return out;
        }
        int groups = (n + plan.groupSize() - 1) / plan.groupSize();
        int start = 0;
        for (int g = 0; g < groups; g++) {
            int size = n / groups + (g < n % groups ? 1 : 0);
            out.add(members.subList(start, start + size));
            start += size;
        }
        return out;
    }

    private void runAll(List<Runnable> jobs) {
        if (plan.workers() == 1 || jobs.size() == 1) {
            jobs.forEach(Runnable::run);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(plan.workers(), jobs.size()), r -> {
            Thread t = new Thread(r, "evaluate-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            jobs.forEach(j -> futures.add(pool.submit(j)));
            for (Future<?> f : futures) {
                f.get();
            }
            // Kept apart (duplicates): ZooTrainingJob must also wait for stopped workers (they write files).
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ZooException("evaluation failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZooException("evaluation interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Work done so far across worker threads. */
    private static final class Progress {
        private final EvaluationListener listener;
        private double done;

        Progress(EvaluationListener listener) {
            this.listener = listener;
        }

        synchronized void add(double units, String note) {
            done += units;
            listener.progress(done, note);
        }
    }
}
