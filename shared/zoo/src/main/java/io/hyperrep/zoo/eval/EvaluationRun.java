package io.hyperrep.zoo.eval;

import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.novelty.NoveltyGate;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.ml.nd.Backend;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Runs the evaluation protocol of docs/METHOD.md §7 and §9 for generated populations against the zoo:
 * <ol>
 *   <li>the training split's test predictions (the error-set reference for novelty);</li>
 *   <li>the optional novelty gate, then at most {@code maxModels} models per sample population;</li>
 *   <li>baselines with as many models as the largest sample population: B_T, B_F, noise (one per σ), anchors;</li>
 *   <li>in-distribution: accuracy and novelty of every model at epoch 0; samples, B_T and B_F (their first
 *       {@code finetuneModels}) after each of E fine-tuning epochs, with B_T's novelty after epoch 1 and E;
 *       softmax ensembles at epoch 0 and E; noise populations and anchors are epoch-0 references;</li>
 *   <li>per transfer task: samples, B_T and B_F at epoch 0 and (the same first models) fine-tuned E epochs on that task.</li>
 * </ol>
 * Fine-tuning uses the zoo's recipe (optimiser, learning rate, batch size, preprocessing) with a fresh
 * optimiser, as the original's {@code finetune_single}.
 */
public final class EvaluationRun {

    private final ZooReference zoo;
    private final EvaluationPlan plan;
    private final Function<String, ImageDataset> datasets;
    private final EvaluationListener listener;

    /**
     * @param datasets loads a dataset by id (the zoo's dataset and every transfer task)
     */
    public EvaluationRun(
            ZooReference zoo,
            EvaluationPlan plan,
            Function<String, ImageDataset> datasets,
            EvaluationListener listener) {
        // Kept apart (duplicates): a constructor that stores its collaborators, one assignment a field.
        this.zoo = zoo;
        this.plan = plan;
        this.datasets = datasets;
        this.listener = listener;
    }

    /** Evaluates {@code samples} (one population per generator) against the baselines. */
    public EvaluationResults run(List<Population> samples) {
        long t0 = System.nanoTime();
        requireSamples(samples);
        Backend.init();
        ZooRecipe recipe = zoo.spec().recipe();
        String task = recipe.dataset();
        ImageDataset data = datasets.apply(task);
        ImageSet test = subset(data.test(), plan.testImages());
        ImageSet train = subset(data.train(), plan.finetuneImages());
        if (train.count() < recipe.batchSize()) {
            throw new IllegalArgumentException(
                    "--finetune-images " + train.count() + " is smaller than one batch of " + recipe.batchSize());
        }
        Cohort cohort = new Cohort(recipe, plan);

        NoveltyReference reference = reference(cohort, test);

        List<Population> pops = new ArrayList<>();
        Map<String, int[]> offered = new LinkedHashMap<>();
        for (Population s : samples) {
            Population kept = gate(s, reference);
            offered.put(s.name(), new int[] {s.size(), s.size() - kept.size()});
            pops.add(kept.limit(plan.maxModels()));
        }
        int n = pops.stream().mapToInt(Population::size).max().orElseThrow();
        long[] seeds = zoo.freshSeeds(n);
        List<Checkpoint> anchors = zoo.anchors(plan.anchors());
        pops.add(Baselines.trainedFromScratch(recipe, seeds));
        pops.add(Baselines.zooFinetuned(zoo, n));
        for (double sigma : plan.noiseSigmas()) {
            pops.add(Baselines.noise(anchors, sigma, n, plan.seed()));
        }
        pops.add(Baselines.anchors(anchors, n, plan.seed()));
        for (Population p : pops) {
            offered.putIfAbsent(p.name(), new int[] {p.size(), 0});
        }

        boolean[] fineTune = new boolean[pops.size()];
        for (int p = 0; p < fineTune.length; p++) {
            fineTune[p] = pops.get(p).kind().fineTuned();
        }
        Set<Integer> ensembleEpochs =
                plan.ensembleSizes().isEmpty() ? Set.of() : new TreeSet<>(List.of(0, plan.finetuneEpochs()));
        // B_T's fine-tuned weights come back, so that the report can show how novel training from scratch ends up
        boolean[] snapshot = new boolean[pops.size()];
        for (int p = 0; p < snapshot.length; p++) {
            snapshot[p] = pops.get(p).kind() == PopulationKind.SCRATCH;
        }
        Set<Integer> snapshotEpochs = new TreeSet<>(List.of(1, plan.finetuneEpochs()));
        Cohort.Outcome in = cohort.run(
                task,
                pops,
                fineTune,
                plan.tunedModels(),
                seeds,
                train,
                test,
                true,
                ensembleEpochs,
                snapshot,
                snapshotEpochs,
                listener);

        List<Map<String, AccuracyCurve>> curves = new ArrayList<>();
        for (int p = 0; p < pops.size(); p++) {
            Map<String, AccuracyCurve> c = new LinkedHashMap<>();
            c.put(task, new AccuracyCurve(task, in.accuracy()[p]));
            curves.add(c);
        }
        for (String target : plan.transferTasks()) {
            transfer(cohort, target, pops, seeds, curves);
        }

        List<PopulationResult> results = new ArrayList<>();
        for (int p = 0; p < pops.size(); p++) {
            Population pop = pops.get(p);
            NoveltyScores novelty = reference.score(pop.weights(), in.predictions()[p]);
            Map<Integer, List<Ensembles.Result>> ens = new LinkedHashMap<>();
            for (int e : ensembleEpochs) {
                float[][] probs = in.probabilities().get(e)[p];
                if (probs.length > 0 && probs[0] != null) {
                    List<Ensembles.Result> byK = new ArrayList<>();
                    for (int k : plan.ensembleSizes()) {
                        byK.add(Ensembles.disjoint(
                                probs, k, test.labels(), zoo.arch().classes(), plan.seed()));
                    }
                    ens.put(e, byK);
                }
            }
            Map<Integer, NoveltyScores> tuned = new TreeMap<>();
            for (Map.Entry<Integer, float[][][]> e : in.tunedWeights().entrySet()) {
                float[][] w = e.getValue()[p];
                if (w != null && w.length > 0) {
                    tuned.put(
                            e.getKey(), reference.score(w, in.tunedPredictions().get(e.getKey())[p]));
                }
            }
            int[] o = offered.get(pop.name());
            results.add(new PopulationResult(
                    pop.name(),
                    pop.kind(),
                    pop.memberIds(),
                    pop.lineage(),
                    o[0],
                    o[1],
                    curves.get(p),
                    novelty,
                    ens,
                    tuned));
        }
        return new EvaluationResults(
                zoo.lineage(),
                plan,
                task,
                test.count(),
                train.count(),
                results,
                reference.training(),
                (System.nanoTime() - t0) / 1e9);
    }

    private NoveltyReference reference(Cohort cohort, ImageSet test) {
        float[][] w = zoo.trainWeights();
        List<String> ids =
                zoo.train().stream().map(c -> c.modelId() + "-e" + c.epoch()).toList();
        Population train = new Population("training-split", PopulationKind.ANCHORS, ids, w, Map.of());
        Cohort.Outcome out = cohort.run(
                "training split on the test set",
                List.of(train),
                new boolean[] {false},
                0,
                new long[w.length],
                test,
                test,
                true,
                Set.of(),
                new boolean[] {false},
                Set.of(),
                listener);
        return new NoveltyReference(w, zoo.trainGroups(), out.predictions()[0], test.labels());
    }

    private Population gate(Population s, NoveltyReference reference) {
        NoveltyGate gate = plan.noveltyGate();
        if (gate == null) {
            return s;
        }
        NoveltyGate.Decision d = gate.apply(reference.distances(s.weights()));
        if (d.keptCount() == 0) {
            throw new IllegalArgumentException("the novelty gate (relative distance >= " + gate.minRelativeDistance()
                    + ") rejects all " + s.size() + " models of " + s.name() + "; lower --novelty-gate");
        }
        return s.select(d.kept());
    }

    private void transfer(
            Cohort cohort,
            String target,
            List<Population> pops,
            long[] seeds,
            List<Map<String, AccuracyCurve>> curves) {
        ImageDataset data = datasets.apply(target);
        ImageSet test = subset(data.test(), plan.testImages());
        ImageSet train = subset(data.train(), plan.finetuneImages());
        List<Population> chosen = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int p = 0; p < pops.size(); p++) {
            if (pops.get(p).kind().transferred()) {
                chosen.add(pops.get(p));
                index.add(p);
            }
        }
        boolean[] all = new boolean[chosen.size()];
        Arrays.fill(all, true);
        Cohort.Outcome out = cohort.run(
                "transfer to " + target,
                chosen,
                all,
                plan.tunedModels(),
                seeds,
                train,
                test,
                false,
                Set.of(),
                new boolean[chosen.size()],
                Set.of(),
                listener);
        for (int j = 0; j < chosen.size(); j++) {
            curves.get(index.get(j)).put(target, new AccuracyCurve(target, out.accuracy()[j]));
        }
    }

    private void requireSamples(List<Population> samples) {
        if (samples == null || samples.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate: give at least one population of generated models");
        }
        Set<String> names = new HashSet<>(List.of(Baselines.SCRATCH, Baselines.ZOO_FINETUNED, Baselines.ANCHORS));
        plan.noiseSigmas().forEach(s -> names.add(Baselines.noiseName(s)));
        Set<String> seen = new HashSet<>();
        for (Population s : samples) {
            if (names.contains(s.name())) {
                throw new IllegalArgumentException(
                        "population name '" + s.name() + "' is reserved for a baseline; rename it");
            }
            if (!seen.add(s.name())) {
                throw new IllegalArgumentException(
                        "two populations are named '" + s.name() + "'; give them distinct names");
            }
            if (s.weights()[0].length != zoo.arch().parameterCount()) {
                throw new IllegalArgumentException(
                        "population " + s.name() + " has " + s.weights()[0].length + " weights per model; "
                                + zoo.arch().id() + " has " + zoo.arch().parameterCount());
            }
        }
    }

    private static ImageSet subset(ImageSet s, int n) {
        return n > 0 ? s.head(n) : s;
    }
}
