package io.hyperrep.ml.hyper;

import io.hyperrep.core.hyper.CheckpointDataset;
import io.hyperrep.core.token.Augmentation;
import io.hyperrep.core.zoo.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One autoencoder training run into a directory ({@link HyperFiles}): trains epoch by epoch, measures
 * validation loss and R^2 after each, keeps the best epoch ({@link BestEpoch}: by validation loss unless
 * asked otherwise) as the directory's autoencoder, and saves a resumable state (weights, AdamW state, history) after every epoch.
 *
 * <p>Knows nothing about where the checkpoints came from or who watches: the data is a
 * {@link CheckpointDataset}, progress goes to a {@link HyperTrainingListener}, and {@code cancelled} is
 * polled between steps (a cancelled run keeps the state of its last finished epoch and can be resumed).
 * Runs on the calling thread; one run per directory at a time.
 */
public final class HyperTrainingRun {

    private final CheckpointDataset data;
    private final AutoencoderConfig cfg;
    private final HyperTrainingParams params;
    private final Augmentation augmentation;
    private final Path dir;
    private final Map<String, String> identity;
    private final BestEpoch selection;
    /** The optional task-loss term (null: the paper's loss). */
    private final TaskTraining task;

    /**
     * Which epoch's autoencoder the run keeps. The paper's choice, the validation split's loss, measures
     * how well unseen models are reproduced; on a zoo too small for that to improve, it keeps an early
     * epoch, and the training split's loss (what sampling around training anchors relies on) is the one
     * that keeps falling.
     */
    public enum BestEpoch {
        VALIDATION_LOSS,
        TRAINING_LOSS,
        /** The last epoch: when the loss has terms the reconstruction loss does not show (a {@link TaskLoss}). */
        LAST;

        /** {@code validation}, {@code training} or {@code last}. */
        public static BestEpoch parse(String s) {
            return switch (s) {
                case "validation" -> VALIDATION_LOSS;
                case "training" -> TRAINING_LOSS;
                case "last" -> LAST;
                default ->
                    throw new IllegalArgumentException(
                            "best-epoch selection must be validation, training or last, got '" + s + "'");
            };
        }
    }

    public HyperTrainingRun(
            CheckpointDataset data,
            AutoencoderConfig cfg,
            HyperTrainingParams params,
            Augmentation augmentation,
            Path dir) {
        this(data, cfg, params, augmentation, dir, BestEpoch.VALIDATION_LOSS);
    }

    // Kept apart (duplicates): telescoping constructors; each shorter one fills in the default of the next.
    public HyperTrainingRun(
            CheckpointDataset data,
            AutoencoderConfig cfg,
            HyperTrainingParams params,
            Augmentation augmentation,
            Path dir,
            BestEpoch selection) {
        this(data, cfg, params, augmentation, dir, selection, null);
    }

    /** With {@code task} non-null the loss gets the {@link TaskLoss} term (not the paper's; off by default). */
    public HyperTrainingRun(
            CheckpointDataset data,
            AutoencoderConfig cfg,
            HyperTrainingParams params,
            Augmentation augmentation,
            Path dir,
            BestEpoch selection,
            TaskTraining task) {
        if (data.validation().isEmpty()) {
            throw new IllegalArgumentException(
                    "the dataset has no validation split; the best epoch is chosen by validation loss");
        }
        if (data.train().size() < cfg.batchSize()) {
            throw new IllegalArgumentException("the training split has "
                    + data.train().size() + " checkpoints, fewer than one batch of " + cfg.batchSize()
                    + " (incomplete batches are dropped); lower batchSize or use a larger zoo");
        }
        // Kept apart (duplicates): plain field assignments, as in every constructor.
        this.data = data;
        this.cfg = cfg;
        this.params = params;
        this.augmentation = augmentation;
        this.dir = dir;
        this.selection = selection;
        this.task = task;
        Map<String, String> id = identity(data, cfg, params, augmentation);
        if (selection != BestEpoch.VALIDATION_LOSS) {
            id.put("bestEpoch", selection.name()); // absent for the default, so earlier runs still resume
        }
        if (task != null) {
            id.put(
                    "taskLoss",
                    task.loss().toString() + " on " + task.images().count() + " images " + task.normalization());
        }
        this.identity = id;
    }

    /** Whether {@code dir} holds a (finished or unfinished) run's state. */
    public static boolean hasState(Path dir) {
        return Files.exists(dir.resolve(HyperFiles.STATE));
    }

    /** A fresh run from the seed's initialisation. Refuses a directory that already holds a run. */
    public HyperTrainingResult train(HyperTrainingListener listener, BooleanSupplier cancelled) {
        refuseExistingRun();
        AutoencoderTrainer t = new AutoencoderTrainer(cfg, data, augmentation, params, task);
        return execute(t, null, false, listener, cancelled);
    }

    /**
     * A fresh run whose autoencoder starts from the weights of an earlier autoencoder directory (same
     * architecture and sizes), with a fresh optimiser and a newly initialised projection head.
     */
    public HyperTrainingResult warmStart(Path earlier, HyperTrainingListener listener, BooleanSupplier cancelled) {
        refuseExistingRun();
        NormalizationStats earlierStats = HyperFiles.readNormalization(earlier);
        if (!earlierStats.arch().equals(data.arch())) {
            throw new AutoencoderFileException("cannot warm-start from " + earlier + ": it was trained on "
                    + earlierStats.arch().id() + " checkpoints, this zoo is "
                    + data.arch().id());
        }
        Map<String, INDArray> weights = HyperFiles.readWeights(earlier);
        AutoencoderTrainer t = new AutoencoderTrainer(cfg, data, augmentation, params, task);
        t.warmStart(weights, earlier.resolve(HyperFiles.AUTOENCODER).toString());
        return execute(t, null, true, listener, cancelled);
    }

    /**
     * Continues the run saved in the directory after its last finished epoch; the result equals that of
     * an uninterrupted run. The data, config, params and augmentation must be the run's own.
     *
     * @throws AutoencoderFileException if the state is missing, corrupt, or belongs to another run
     */
    public HyperTrainingResult resume(HyperTrainingListener listener, BooleanSupplier cancelled) {
        Path file = dir.resolve(HyperFiles.STATE);
        if (!Files.exists(file)) {
            throw new AutoencoderFileException(
                    dir + " holds no training state to resume (" + HyperFiles.STATE + " is missing)");
        }
        TrainingState s = TrainingStateFile.read(file);
        for (Map.Entry<String, String> e : identity.entrySet()) {
            String saved = s.identity().get(e.getKey());
            if (!e.getValue().equals(saved)) {
                throw new AutoencoderFileException("cannot resume from " + file + ": it belongs to a run with "
                        + e.getKey() + " " + saved + ", this run has " + e.getValue());
            }
        }
        AutoencoderTrainer t = new AutoencoderTrainer(cfg, data, augmentation, params, task);
        if (s.optimizerSteps() != (long) s.epochsDone() * t.stepsPerEpoch()) {
            throw new AutoencoderFileException("training state " + file + " is inconsistent: " + s.optimizerSteps()
                    + " steps after " + s.epochsDone() + " epochs of " + t.stepsPerEpoch());
        }
        t.restore(s.weights(), s.optimizer(), s.optimizerSteps(), file.toString());
        return execute(t, s, false, listener, cancelled);
    }

    private void refuseExistingRun() {
        if (hasState(dir)) {
            throw new IllegalArgumentException(dir + " already holds a training run (" + HyperFiles.STATE
                    + "); resume it or choose another directory");
        }
    }

    private HyperTrainingResult execute(
            AutoencoderTrainer t,
            TrainingState from,
            boolean warm,
            HyperTrainingListener listener,
            BooleanSupplier cancelled) {
        try (t) {
            return runEpochs(t, from, warm, listener, cancelled);
        }
    }

    private HyperTrainingResult runEpochs(
            AutoencoderTrainer t,
            TrainingState from,
            boolean warm,
            HyperTrainingListener listener,
            BooleanSupplier cancelled) {
        int epochs = params.epochs();
        int done = from == null ? 0 : from.epochsDone();
        List<EpochResult> history = new ArrayList<>(from == null ? List.of() : from.history());
        int bestEpoch = from == null ? 0 : from.bestEpoch();
        double best = from == null ? Double.POSITIVE_INFINITY : from.bestScore();
        Map<String, INDArray> bestWeights = bestEpoch > 0 ? HyperFiles.readWeights(dir) : null;
        float[][] train = weights(data.train());
        float[][] validation = weights(data.validation());
        listener.started(new HyperTrainingListener.Started(
                epochs, done, t.stepsPerEpoch(), cfg.batchSize(), data.describe(), from != null, warm));
        Timing timing = new Timing(t.totalSteps() - t.stepsDone(), epochs - done);
        for (int epoch = done + 1; epoch <= epochs; epoch++) {
            final int e = epoch;
            long epochStart = System.nanoTime();
            double[] sums = new double[3];
            boolean finished = t.trainEpoch(
                    epoch,
                    (step, steps, r) -> {
                        sums[0] += r.loss();
                        sums[1] += r.reconstructionLoss();
                        sums[2] += r.contrastiveLoss();
                        timing.stepDone();
                        listener.stepDone(HyperTrainingListener.StepProgress.builder()
                                .position(e, epochs, step, steps)
                                .globalStep(t.stepsDone(), t.totalSteps())
                                .result(r)
                                .samplesPerSecond(timing.stepsPerSecond() * cfg.batchSize())
                                .etaSeconds(timing.etaSeconds())
                                .build());
                    },
                    cancelled);
            if (!finished) {
                return result(history, epoch - 1, bestEpoch, best, true, bestWeights, t);
            }
            long evalStart = System.nanoTime();
            HyperRepresentation rep = t.representation();
            double[] v = rep.lossAndR2(validation);
            double[] tr = rep.lossAndR2(train);
            double score =
                    switch (selection) {
                        case VALIDATION_LOSS -> v[0];
                        case TRAINING_LOSS -> tr[0];
                        case LAST -> -epoch;
                    };
            if (score < best) {
                best = score;
                bestEpoch = epoch;
                bestWeights = rep.weights();
                rep.save(dir);
            }
            timing.epochEvaluated((System.nanoTime() - evalStart) / 1e9);
            int steps = t.stepsPerEpoch();
            EpochResult r = new EpochResult(
                    epoch,
                    epochs,
                    sums[0] / steps,
                    sums[1] / steps,
                    sums[2] / steps,
                    tr[0],
                    tr[1],
                    v[0],
                    v[1],
                    bestEpoch,
                    best,
                    (System.nanoTime() - epochStart) / 1e9);
            history.add(r);
            TrainingStateFile.write(
                    dir.resolve(HyperFiles.STATE),
                    new TrainingState(
                            identity, epoch, t.stepsDone(), bestEpoch, best, history, t.weights(), t.optimizerState()));
            listener.epochDone(r);
        }
        if (bestEpoch == 0) {
            throw new IllegalStateException("the " + (selection == BestEpoch.TRAINING_LOSS ? "training" : "validation")
                    + " loss was never finite: training diverged (lower the learning rate or clip the gradient norm)");
        }
        return result(history, epochs, bestEpoch, best, false, bestWeights, t);
    }

    private HyperTrainingResult result(
            List<EpochResult> history,
            int epochsDone,
            int bestEpoch,
            double best,
            boolean cancelled,
            Map<String, INDArray> bestWeights,
            AutoencoderTrainer t) {
        Optional<HyperRepresentation> rep = Optional.empty();
        if (bestWeights != null) {
            HyperRepresentation r = new HyperRepresentation(cfg, t.statistics());
            r.setWeights(bestWeights, dir.resolve(HyperFiles.AUTOENCODER).toString());
            rep = Optional.of(r);
        }
        return new HyperTrainingResult(history, epochsDone, bestEpoch, best, cancelled, rep);
    }

    private static float[][] weights(List<Checkpoint> checkpoints) {
        return checkpoints.stream().map(Checkpoint::weights).toArray(float[][]::new);
    }

    /** What a resumed run must share with the run that wrote the state. */
    static Map<String, String> identity(
            CheckpointDataset data, AutoencoderConfig cfg, HyperTrainingParams params, Augmentation aug) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("architecture", data.arch().id() + "/" + data.arch().layoutHash());
        m.put("config", cfg.toString());
        m.put("params", params.toString());
        m.put("augmentation", aug.toString());
        m.put("data", dataDigest(data));
        return m;
    }

    /** SHA-256 over every checkpoint's key and weight digest, split by split. */
    static String dataDigest(CheckpointDataset data) {
        StringBuilder sb = new StringBuilder();
        for (List<Checkpoint> split : List.of(data.train(), data.validation(), data.test())) {
            for (Checkpoint c : split) {
                sb.append(c.key()).append(':').append(c.weightsSha256()).append('\n');
            }
            sb.append("--\n");
        }
        return "sha256:" + Checkpoint.sha256(sb.toString().getBytes(StandardCharsets.UTF_8)) + " ("
                + data.train().size() + "/" + data.validation().size() + "/"
                + data.test().size() + " checkpoints)";
    }

    /** Step rate and ETA of this session (steps of earlier sessions are not timed). */
    private static final class Timing {
        private final long start = System.nanoTime();
        private long stepsLeft;
        private int epochsLeft;
        private long stepsDone;
        private double evalSeconds;
        private int evals;
        private double stepSeconds;
        private long lastStep = start;

        Timing(long stepsLeft, int epochsLeft) {
            this.stepsLeft = stepsLeft;
            this.epochsLeft = epochsLeft;
        }

        void stepDone() {
            long now = System.nanoTime();
            stepSeconds += (now - lastStep) / 1e9;
            lastStep = now;
            stepsDone++;
            stepsLeft--;
        }

        void epochEvaluated(double seconds) {
            evalSeconds += seconds;
            evals++;
            epochsLeft--;
            lastStep = System.nanoTime();
        }

        double stepsPerSecond() {
            return stepSeconds > 0 ? stepsDone / stepSeconds : 0;
        }

        double etaSeconds() {
            double perStep = stepsDone > 0 ? stepSeconds / stepsDone : Double.NaN;
            double perEval = evals > 0 ? evalSeconds / evals : 0;
            // the current epoch's evaluation is still to come
            return stepsLeft * perStep + epochsLeft * perEval;
        }
    }
}
