package io.hyperrep.zoo.eval;

import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.novelty.NoveltyGate;
import io.hyperrep.core.sample.AnchorSelection;
import io.hyperrep.ml.cnn.TrainerKind;
import java.util.List;
import java.util.TreeSet;

/**
 * What an evaluation runs (docs/METHOD.md §7, §9).
 *
 * @param finetuneEpochs  fine-tuning epochs E after the epoch-0 evaluation (0 = epoch 0 only)
 * @param transferTasks   dataset ids the transferable populations are also fine-tuned on
 * @param ensembleSizes   ensemble sizes k whose softmax-averaged accuracy is reported
 * @param seed            seed of everything random: subsets, noise, ensemble draws, bootstrap
 * @param noveltyGate     rejects samples closer to the training checkpoints than its threshold; null = off
 * @param maxModels       models per population at most; baselines get as many as the largest sample population
 * @param finetuneImages  training images per fine-tuning epoch (the first N of the training split; 0 = all)
 * @param testImages      test images every accuracy is measured on (the first N of the test set; 0 = all)
 * @param noiseSigmas     standard deviations of the noise baselines (raw weight units)
 * @param anchors         which training checkpoints anchor the noise baselines and the anchor reference
 * @param groupSize       models fine-tuned together in one population graph
 * @param workers         groups fine-tuned concurrently, each on its own thread
 * @param trainer         what fine-tunes: the Java kernel or SameDiff; null = the default for the recipe (kernel on a CPU)
 * @param finetuneModels  models fine-tuned per fine-tuned population at most, the first ones (0 = as many as {@code maxModels});
 *                        epoch-0 accuracy and novelty use every model
 */
public record EvaluationPlan(
        int finetuneEpochs,
        List<String> transferTasks,
        List<Integer> ensembleSizes,
        long seed,
        NoveltyGate noveltyGate,
        int maxModels,
        int finetuneImages,
        int testImages,
        List<Double> noiseSigmas,
        AnchorSelection anchors,
        int groupSize,
        int workers,
        TrainerKind trainer,
        int finetuneModels) {

    /** The same plan fine-tuning with {@code t}. */
    public EvaluationPlan withTrainer(TrainerKind t) {
        return toBuilder().trainer(t).build();
    }

    /** The same plan fine-tuning only the first {@code n} models of each fine-tuned population (0 = all). */
    public EvaluationPlan withFinetuneModels(int n) {
        return toBuilder().finetuneModels(n).build();
    }

    /** Models fine-tuned per fine-tuned population at most. */
    public int tunedModels() {
        return finetuneModels == 0 ? maxModels : Math.min(finetuneModels, maxModels);
    }

    /** Epochs at which accuracy distributions are reported, those up to E (docs/METHOD.md §9.4). */
    public static final List<Integer> REPORT_EPOCHS = List.of(0, 1, 5);

    public EvaluationPlan {
        if (finetuneEpochs < 0 || finetuneEpochs > 1000) {
            throw new IllegalArgumentException("--finetune-epochs must be in 0..1000, got " + finetuneEpochs);
        }
        transferTasks = List.copyOf(transferTasks == null ? List.of() : transferTasks);
        transferTasks.forEach(Datasets::requireKnown);
        if (new TreeSet<>(transferTasks).size() != transferTasks.size()) {
            throw new IllegalArgumentException("a transfer task is listed twice: " + transferTasks);
        }
        ensembleSizes = List.copyOf(new TreeSet<>(ensembleSizes == null ? List.of() : ensembleSizes));
        for (int k : ensembleSizes) {
            if (k <= 0) {
                throw new IllegalArgumentException("ensemble sizes must be positive, got " + k);
            }
        }
        if (maxModels <= 0) {
            throw new IllegalArgumentException("--max-models must be positive, got " + maxModels);
        }
        if (finetuneModels < 0) {
            throw new IllegalArgumentException(
                    "--finetune-models must be >= 0 (0 = as many as --max-models), got " + finetuneModels);
        }
        if (finetuneImages < 0) {
            throw new IllegalArgumentException("--finetune-images must be >= 0 (0 = all), got " + finetuneImages);
        }
        if (testImages < 0) {
            throw new IllegalArgumentException("--test-images must be >= 0 (0 = all), got " + testImages);
        }
        noiseSigmas = List.copyOf(noiseSigmas == null ? List.of() : noiseSigmas);
        for (double s : noiseSigmas) {
            if (!(s > 0 && s < 100)) {
                throw new IllegalArgumentException("noise sigmas must be in (0, 100), got " + s);
            }
        }
        if (new TreeSet<>(noiseSigmas).size() != noiseSigmas.size()) {
            throw new IllegalArgumentException("a noise sigma is listed twice: " + noiseSigmas);
        }
        if (anchors == null) {
            throw new IllegalArgumentException("the plan needs an anchor selection");
        }
        if (groupSize <= 0 || groupSize > 1024) {
            throw new IllegalArgumentException("--group-size must be in 1..1024, got " + groupSize);
        }
        if (workers <= 0 || workers > 64) {
            throw new IllegalArgumentException("--workers must be in 1..64, got " + workers);
        }
    }

    /**
     * The defaults for {@code finetuneEpochs}: transfer to Fashion-MNIST rotated by 90°,
     * ensembles of 1, 5 and 10, seed 42, no gate, 25 models, full data, noise σ = 0.02 and 0.04, top 30%
     * anchors by validation accuracy, groups of 50, one worker, the recipe's default trainer.
     */
    public static EvaluationPlan defaults(int finetuneEpochs) {
        return builder().finetuneEpochs(finetuneEpochs).build();
    }

    /** {0, 1, 5} up to E, plus E itself. */
    public List<Integer> reportEpochs() {
        TreeSet<Integer> e = new TreeSet<>();
        REPORT_EPOCHS.stream().filter(x -> x <= finetuneEpochs).forEach(e::add);
        e.add(finetuneEpochs);
        return List.copyOf(e);
    }

    /**
     * A plan by name, field by field, for call sites that would otherwise pass fourteen positional values.
     * Starts from {@link #defaults(int)} with no fine-tuning epochs; {@link Builder#build()} validates as the
     * constructor does.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this plan's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets {@link EvaluationPlan}'s fields by name. */
    public static final class Builder {
        private int finetuneEpochs;
        private List<String> transferTasks = List.of("fashion-mnist-rot90");
        private List<Integer> ensembleSizes = List.of(1, 5, 10);
        private long seed = 42;
        private NoveltyGate noveltyGate;
        private int maxModels = 25;
        private int finetuneImages;
        private int testImages;
        private List<Double> noiseSigmas = List.of(0.02, 0.04);
        private AnchorSelection anchors = AnchorSelection.defaults();
        private int groupSize = 50;
        private int workers = 1;
        private TrainerKind trainer;
        private int finetuneModels;

        private Builder() {}

        // Kept apart (duplicates): copies every field, as AutoencoderConfig.Builder does.
        private Builder(EvaluationPlan p) {
            finetuneEpochs = p.finetuneEpochs;
            transferTasks = p.transferTasks;
            ensembleSizes = p.ensembleSizes;
            seed = p.seed;
            noveltyGate = p.noveltyGate;
            maxModels = p.maxModels;
            finetuneImages = p.finetuneImages;
            testImages = p.testImages;
            noiseSigmas = p.noiseSigmas;
            anchors = p.anchors;
            groupSize = p.groupSize;
            workers = p.workers;
            trainer = p.trainer;
            finetuneModels = p.finetuneModels;
        }

        public Builder finetuneEpochs(int v) {
            finetuneEpochs = v;
            return this;
        }

        public Builder transferTasks(List<String> v) {
            transferTasks = v;
            return this;
        }

        public Builder ensembleSizes(List<Integer> v) {
            ensembleSizes = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Null turns the gate off. */
        public Builder noveltyGate(NoveltyGate v) {
            noveltyGate = v;
            return this;
        }

        public Builder maxModels(int v) {
            maxModels = v;
            return this;
        }

        /** 0 = all. */
        public Builder finetuneImages(int v) {
            finetuneImages = v;
            return this;
        }

        /** 0 = all. */
        public Builder testImages(int v) {
            testImages = v;
            return this;
        }

        public Builder noiseSigmas(List<Double> v) {
            noiseSigmas = v;
            return this;
        }

        public Builder anchors(AnchorSelection v) {
            anchors = v;
            return this;
        }

        public Builder groupSize(int v) {
            groupSize = v;
            return this;
        }

        public Builder workers(int v) {
            workers = v;
            return this;
        }

        /** Null: the recipe's default. */
        public Builder trainer(TrainerKind v) {
            trainer = v;
            return this;
        }

        public Builder finetuneModels(int v) {
            finetuneModels = v;
            return this;
        }

        // Kept apart (duplicates): the record's fields by name, as AutoencoderConfig.Builder does.
        public EvaluationPlan build() {
            return new EvaluationPlan(
                    finetuneEpochs,
                    transferTasks,
                    ensembleSizes,
                    seed,
                    noveltyGate,
                    maxModels,
                    finetuneImages,
                    testImages,
                    noiseSigmas,
                    anchors,
                    groupSize,
                    workers,
                    trainer,
                    finetuneModels);
        }
    }
}
