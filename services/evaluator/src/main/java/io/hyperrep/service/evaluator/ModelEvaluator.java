package io.hyperrep.service.evaluator;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.novelty.ErrorSet;
import io.hyperrep.core.novelty.ErrorSetIoU;
import io.hyperrep.core.novelty.NearestDistances;
import io.hyperrep.core.sample.AnchorSelection;
import io.hyperrep.core.stats.Summary;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.ml.cnn.BlockedPopulationEvaluator;
import io.hyperrep.ml.cnn.Evaluation;
import io.hyperrep.ml.cnn.PopulationTraining;
import io.hyperrep.ml.cnn.StepListener;
import io.hyperrep.ml.cnn.TrainerKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores generated models (docs/METHOD.md §7.1, §9.1): test accuracy and loss before any training ("epoch
 * 0"), optionally accuracy after each of a few fine-tuning epochs with the zoo's recipe, the L2
 * distance to the nearest training model (absolute and relative to the training models' own median
 * nearest distance), and the largest error-set IoU with a training model. Evaluation runs on the
 * blocked Java kernel, fine-tuning in populations of at most {@link #MAX_POPULATION} models on the Java
 * training kernel or SameDiff ({@link TrainerKind}).
 * ND4J, no Kafka, no Vert.x; not thread-safe.
 */
final class ModelEvaluator {

    /** Largest population in one fine-tuning graph; bigger batches are split. */
    static final int MAX_POPULATION = 64;

    /** The scores of one model. */
    record Scores(
            double accuracy,
            double loss,
            double nearestDistance,
            double relativeNovelty,
            double maxErrorIoU,
            List<Double> finetuneAccuracy) {}

    private final ZooRecipe recipe;
    private final ImageSet test;
    private final int[] testLabels;
    private final ImageSet finetuneTrain;
    private final int finetuneEpochs;
    private final TrainerKind trainer;
    private final Map<String, BlockedPopulationEvaluator> evaluators = new HashMap<>();

    /**
     * @param recipe         the zoo recipe (activation, normalisation; its optimiser for fine-tuning)
     * @param finetuneTrain  training images for fine-tuning; unused when {@code finetuneEpochs} is 0
     */
    ModelEvaluator(ZooRecipe recipe, ImageSet test, ImageSet finetuneTrain, int finetuneEpochs) {
        this(recipe, test, finetuneTrain, finetuneEpochs, null);
    }

    /** @param trainer what fine-tunes; null = the default for the recipe (the kernel on a CPU) */
    ModelEvaluator(ZooRecipe recipe, ImageSet test, ImageSet finetuneTrain, int finetuneEpochs, TrainerKind trainer) {
        if (finetuneEpochs < 0) {
            throw new IllegalArgumentException("fine-tuning epochs must be >= 0, got " + finetuneEpochs);
        }
        if (finetuneEpochs > 0 && (finetuneTrain == null || finetuneTrain.count() < recipe.batchSize())) {
            throw new IllegalArgumentException("fine-tuning needs at least one batch (" + recipe.batchSize()
                    + ") of training images, got " + (finetuneTrain == null ? 0 : finetuneTrain.count()));
        }
        this.recipe = recipe;
        this.test = test;
        this.testLabels = new int[test.count()];
        for (int i = 0; i < testLabels.length; i++) {
            testLabels[i] = test.label(i);
        }
        this.finetuneTrain = finetuneTrain;
        this.finetuneEpochs = finetuneEpochs;
        this.trainer = TrainerKind.orDefault(trainer, recipe);
    }

    /** Whether models of {@code arch} take this evaluator's images. */
    boolean fits(Architecture arch) {
        return arch.channels() == test.channels() && arch.height() == test.height() && arch.width() == test.width();
    }

    String imagesDescription() {
        return test.channels() + "x" + test.height() + "x" + test.width();
    }

    /**
     * The reference of a snapshot from the checkpoints its autoencoder trained on (any order). The anchors, when
     * {@code selection} is given, are chosen among all of them as the sampler chose them; they and the training
     * models are evaluated together, each checkpoint once, on this evaluator's test images, so that their accuracies
     * compare with the generated models' (the accuracies the checkpoints carry were measured by whoever trained the
     * zoo, on whatever test images it had).
     */
    TrainingReference reference(
            String snapshotId, Architecture arch, List<Checkpoint> training, AnchorSelection selection) {
        Map<String, Checkpoint> last = new TreeMap<>();
        for (Checkpoint c : training) {
            last.merge(c.modelId(), c, (a, b) -> a.epoch() >= b.epoch() ? a : b);
        }
        if (last.size() < 2) {
            throw new IllegalArgumentException("snapshot " + snapshotId + " has " + last.size()
                    + " training model(s); novelty needs at least 2 to compare distances with");
        }
        List<Checkpoint> models = new ArrayList<>(last.values());
        models.sort(Comparator.comparing(Checkpoint::modelId));
        List<Checkpoint> anchors = selection == null ? List.of() : selection.select(training, Checkpoint::metrics);
        Map<String, Integer> row = new LinkedHashMap<>(); // checkpoint key -> its row in the one evaluation
        List<float[]> evaluated = new ArrayList<>();
        for (Checkpoint c : concat(models, anchors)) {
            c.requireFits(arch);
            if (row.putIfAbsent(c.key(), evaluated.size()) == null) {
                evaluated.add(c.weights());
            }
        }
        float[][] weights = new float[models.size()][];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = models.get(i).weights();
        }
        NearestDistances.Nearest[] within = NearestDistances.withinReference(weights);
        double[] d = new double[within.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = within[i].distance();
        }
        Evaluation e = evaluate(arch, evaluated.toArray(float[][]::new), true);
        List<ErrorSet> errors = new ArrayList<>(models.size());
        for (Checkpoint c : models) {
            errors.add(errorSet(e.predictions()[row.get(c.key())]));
        }
        TrainingReference.Anchors anchored = selection == null
                ? null
                : new TrainingReference.Anchors(selection, anchors.size(), meanAccuracy(anchors, row, e));
        return new TrainingReference(
                snapshotId,
                arch,
                models.stream().map(Checkpoint::modelId).toList(),
                weights,
                Summary.of(d).median(),
                errors,
                meanAccuracy(models, row, e),
                anchored);
    }

    private static List<Checkpoint> concat(List<Checkpoint> a, List<Checkpoint> b) {
        List<Checkpoint> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    private static double meanAccuracy(List<Checkpoint> checkpoints, Map<String, Integer> row, Evaluation e) {
        double sum = 0;
        for (Checkpoint c : checkpoints) {
            sum += e.accuracy()[row.get(c.key())];
        }
        return sum / checkpoints.size();
    }

    /**
     * Scores of each model in {@code weights} (canonical vectors of {@code ref}'s architecture);
     * {@code seeds} fix each model's data order when fine-tuning.
     */
    List<Scores> score(float[][] weights, long[] seeds, TrainingReference ref) {
        if (weights.length == 0) {
            return List.of();
        }
        if (seeds.length != weights.length) {
            throw new IllegalArgumentException(seeds.length + " seeds for " + weights.length + " models");
        }
        Architecture arch = ref.arch();
        Evaluation e0 = evaluate(arch, weights, true);
        NearestDistances.Nearest[] nearest = NearestDistances.toReference(weights, ref.weights());
        List<List<Double>> tuned = finetune(arch, weights, seeds);
        List<Scores> out = new ArrayList<>(weights.length);
        for (int m = 0; m < weights.length; m++) {
            double iou = ErrorSetIoU.maxAgainst(errorSet(e0.predictions()[m]), ref.errorSets())
                    .iou();
            double d = nearest[m].distance();
            out.add(new Scores(e0.accuracy()[m], e0.loss()[m], d, d / ref.medianNearestDistance(), iou, tuned.get(m)));
        }
        return out;
    }

    /** Test accuracy after each fine-tuning epoch, per model (empty lists when fine-tuning is off). */
    private List<List<Double>> finetune(Architecture arch, float[][] weights, long[] seeds) {
        List<List<Double>> acc = new ArrayList<>(weights.length);
        for (int m = 0; m < weights.length; m++) {
            acc.add(new ArrayList<>(finetuneEpochs));
        }
        if (finetuneEpochs == 0) {
            return acc;
        }
        for (int from = 0; from < weights.length; from += MAX_POPULATION) {
            int n = Math.min(MAX_POPULATION, weights.length - from);
            float[][] w = new float[n][];
            long[] s = new long[n];
            System.arraycopy(weights, from, w, 0, n);
            System.arraycopy(seeds, from, s, 0, n);
            ZooRecipe r = recipe.withArch(arch.id());
            // the evaluator runs one batch at a time: the kernel may use every core
            PopulationTraining tuning =
                    trainer.fromWeights(r, s, w, 0, Runtime.getRuntime().availableProcessors());
            for (int e = 0; e < finetuneEpochs; e++) {
                tuning.trainEpoch(finetuneTrain, StepListener.NONE);
                double[] a = evaluate(arch, tuning.weights(), false).accuracy();
                for (int m = 0; m < n; m++) {
                    acc.get(from + m).add(a[m]);
                }
            }
        }
        return acc;
    }

    /** One evaluation of any number of models. */
    Evaluation evaluate(Architecture arch, float[][] weights, boolean keepPredictions) {
        BlockedPopulationEvaluator ev = evaluators.computeIfAbsent(
                arch.id(), id -> BlockedPopulationEvaluator.perCore(arch, recipe.activation()));
        return ev.evaluate(weights, test, recipe.normalization(), keepPredictions, false);
    }

    private ErrorSet errorSet(byte[] predictions) {
        int[] p = new int[predictions.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = predictions[i];
        }
        return ErrorSet.of(p, testLabels);
    }
}
