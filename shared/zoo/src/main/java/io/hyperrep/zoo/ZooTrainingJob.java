package io.hyperrep.zoo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.ml.cnn.BlockedPopulationEvaluator;
import io.hyperrep.ml.cnn.Evaluation;
import io.hyperrep.ml.cnn.PopulationTraining;
import io.hyperrep.ml.cnn.TrainerKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Trains a zoo into a {@link ZooDirectory}: models in population groups of {@code groupSize}, each
 * evaluated after every epoch (and at initialisation, epoch 0), kept epochs written as checkpoint
 * files. After each epoch the group's weights and optimiser state are saved, so an interrupted job
 * resumes at the last finished epoch and produces the same zoo as an uninterrupted one. Groups train on
 * the Java kernel or on SameDiff ({@link TrainerKind}); a resumed group continues with the trainer that
 * saved its state.
 */
public final class ZooTrainingJob {

    /** Size of the fixed training subset on which train loss/accuracy are measured. */
    static final int TRAIN_METRIC_IMAGES = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZooDirectory dir;
    private final ZooSpec spec;
    private final ImageDataset data;
    private final ImageSet train;
    private final ImageSet trainMetricSubset;
    private final Architecture arch;
    /** Evaluation graphs are cached per size and not thread-safe: one evaluator per worker thread. */
    private final BlockedPopulationEvaluator evaluator;

    private final TrainerKind trainer;
    /** Threads each group's kernel trainer uses: the cores shared among the concurrent groups. */
    private volatile int threadsPerGroup = 1;

    /** A job on the default trainer ({@link TrainerKind#defaultFor}). */
    public ZooTrainingJob(ZooDirectory dir, ImageDataset data) {
        this(dir, data, null);
    }

    /** @param trainer the trainer of new groups; null = the default for the recipe */
    public ZooTrainingJob(ZooDirectory dir, ImageDataset data, TrainerKind trainer) {
        this.dir = dir;
        this.spec = dir.spec();
        this.data = data;
        this.arch = Architectures.byId(spec.recipe().arch());
        if (data.train().imageSize() != arch.inputSize()) {
            throw new ZooException(data.id() + " images (" + data.train().channels() + "x"
                    + data.train().height() + "x"
                    + data.train().width() + ") do not fit " + arch.id() + " (" + arch.channels() + "x" + arch.height()
                    + "x" + arch.width() + ")");
        }
        this.train = spec.trainImages() > 0 ? data.train().head(spec.trainImages()) : data.train();
        this.trainMetricSubset = data.train().head(TRAIN_METRIC_IMAGES);
        this.evaluator = BlockedPopulationEvaluator.perCore(arch, spec.recipe().activation());
        this.trainer = TrainerKind.orDefault(trainer, spec.recipe());
    }

    /** The trainer new groups use. */
    public TrainerKind trainer() {
        return trainer;
    }

    /**
     * Runs (or resumes) the whole job with groups trained concurrently by {@code workers} threads;
     * {@code onCheckpoint} sees every kept checkpoint as it is written (from worker threads).
     */
    public void run(int workers, ZooProgress progress, Consumer<Checkpoint> onCheckpoint) {
        if (workers <= 0 || workers > 64) {
            throw new IllegalArgumentException("--workers must be in 1..64, got " + workers);
        }
        long total = (long) spec.models() * spec.epochs();
        long done = 0;
        int[] resumeFrom = new int[spec.groups()];
        for (int g = 0; g < spec.groups(); g++) {
            resumeFrom[g] = epochsDone(g);
            done += (long) groupSize(g) * resumeFrom[g];
        }
        progress.started(total, done);
        threadsPerGroup =
                Math.max(1, Runtime.getRuntime().availableProcessors() / Math.min(workers, Math.max(1, spec.groups())));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "zoo-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int g = 0; g < spec.groups(); g++) {
                if (resumeFrom[g] < spec.epochs()) {
                    final int group = g;
                    jobs.add(pool.submit(() -> runGroup(group, resumeFrom[group], progress, onCheckpoint)));
                }
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ZooException("zoo training failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZooException("zoo training interrupted");
        } finally {
            // On a failure the other groups are still training: stop them (they check for interruption
            // every step) and wait, so that no worker writes into the zoo after run() returns — a resumed
            // job in the same directory would race it for the same files.
            pool.shutdownNow();
            awaitStopped(pool);
        }
    }

    private static void awaitStopped(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
                throw new ZooException("zoo workers did not stop within 10 minutes after a failure");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int groupSize(int g) {
        return Math.min(spec.groupSize(), spec.models() - g * spec.groupSize());
    }

    /** Epochs a group has finished: the state marker's count while it trains, all once its metrics are complete. */
    int epochsDone(int g) {
        try {
            if (Files.exists(dir.stateMarker(g))) {
                return JSON.readTree(dir.stateMarker(g).toFile())
                        .required("epochsDone")
                        .asInt();
            }
        } catch (IOException e) {
            throw new ZooException(dir.stateMarker(g) + " is unreadable (" + e.getMessage() + "); delete "
                    + dir.stateMarker(g).getParent() + " to retrain the unfinished group");
        }
        // No state: the group is finished only if its metrics reach the last epoch (else it died before epoch 1).
        return Files.exists(dir.metricsFile(g)) && lastRecordedEpoch(g) == spec.epochs() ? spec.epochs() : 0;
    }

    private int lastRecordedEpoch(int g) {
        int last = -1;
        for (String row : readGroupMetrics(g)) {
            last = Math.max(last, Integer.parseInt(row.split(",")[1]));
        }
        return last;
    }

    private static float[][] initialWeights(ZooRecipe recipe, long[] initSeeds) {
        Architecture arch = Architectures.byId(recipe.arch());
        float[][] w = new float[initSeeds.length][];
        for (int m = 0; m < w.length; m++) {
            w[m] = ModelSeeds.initialWeights(arch, recipe.init(), initSeeds[m]);
        }
        return w;
    }

    private void runGroup(int g, int epochsDone, ZooProgress progress, Consumer<Checkpoint> onCheckpoint) {
        int k = groupSize(g);
        long[] seeds = new long[k];
        long[] initSeeds = new long[k];
        String[] ids = new String[k];
        for (int i = 0; i < k; i++) {
            int index = g * spec.groupSize() + i;
            seeds[i] = spec.seed(index);
            initSeeds[i] = spec.initSeed(index);
            ids[i] = ZooSpec.modelId(index);
        }
        ZooRecipe recipe = spec.recipe();
        List<String> metrics = new ArrayList<>();
        PopulationTraining trainer;
        TrainerKind kind = this.trainer;
        if (epochsDone > 0) {
            kind = Files.exists(dir.stateFile(g, TrainerKind.KERNEL)) ? TrainerKind.KERNEL : TrainerKind.SAMEDIFF;
            trainer = TrainerKind.restore(recipe, seeds, epochsDone, dir.stateFile(g, kind), threadsPerGroup);
            metrics.addAll(readGroupMetrics(g));
        } else {
            trainer = kind.fromWeights(recipe, seeds, initialWeights(recipe, initSeeds), 0, threadsPerGroup);
            record(g, 0, ids, seeds, trainer.weights(), metrics, onCheckpoint);
        }
        for (int epoch = epochsDone + 1; epoch <= spec.epochs(); epoch++) {
            final int e = epoch;
            trainer.trainEpoch(train, (step, steps, loss) -> {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException(
                            "group " + g + " stopped: another group failed or the job was interrupted");
                }
                progress.stepped(g, e, step, steps, k);
            });
            double meanTest = record(g, epoch, ids, seeds, trainer.weights(), metrics, onCheckpoint);
            if (epoch < spec.epochs()) {
                trainer.saveState(dir.stateFile(g, kind));
                deleteOtherStates(g, kind); // a stale file of the other trainer would be picked up on resume
                dir.writeAtomically(
                        dir.stateMarker(g), ("{\"epochsDone\": " + epoch + "}").getBytes(StandardCharsets.UTF_8));
            }
            writeGroupMetrics(g, metrics);
            progress.epochDone(g, epoch, k, meanTest);
        }
        deleteState(g);
    }

    private double record(
            int g,
            int epoch,
            String[] ids,
            long[] seeds,
            float[][] weights,
            List<String> metrics,
            Consumer<Checkpoint> onCheckpoint) {
        ZooRecipe r = spec.recipe();
        Evaluation train = evaluator.evaluate(weights, trainMetricSubset, r.normalization());
        Evaluation val = evaluator.evaluate(weights, data.validation(), r.normalization());
        Evaluation test = evaluator.evaluate(weights, data.test(), r.normalization());
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            CheckpointMetrics m =
                    new CheckpointMetrics(train.loss()[i], train.accuracy()[i], val.accuracy()[i], test.accuracy()[i]);
            metrics.add(MetricsCsv.row(ids[i], epoch, m));
            sum += m.testAcc();
            if (spec.keepEpochs().contains(epoch)) {
                Checkpoint c = new Checkpoint(
                        spec.zooId(), ids[i], seeds[i], epoch, arch.id(), arch.layoutHash(), m, weights[i]);
                dir.writeCheckpoint(c);
                onCheckpoint.accept(c);
            }
        }
        if (epoch == 0) {
            writeGroupMetrics(g, metrics);
        }
        return sum / weights.length;
    }

    private List<String> readGroupMetrics(int g) {
        try {
            List<String> lines = Files.readAllLines(dir.metricsFile(g), StandardCharsets.UTF_8);
            return new ArrayList<>(lines.subList(1, lines.size()));
        } catch (IOException e) {
            throw new ZooException("cannot read " + dir.metricsFile(g) + ": " + e.getMessage());
        }
    }

    private void writeGroupMetrics(int g, List<String> rows) {
        StringBuilder sb = new StringBuilder(MetricsCsv.HEADER).append('\n');
        rows.forEach(r -> sb.append(r).append('\n'));
        dir.writeAtomically(dir.metricsFile(g), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void deleteOtherStates(int g, TrainerKind kept) {
        for (TrainerKind kind : TrainerKind.values()) {
            if (kind != kept) {
                try {
                    Files.deleteIfExists(dir.stateFile(g, kind));
                } catch (IOException e) {
                    throw new ZooException(
                            "cannot remove the stale state " + dir.stateFile(g, kind) + ": " + e.getMessage());
                }
            }
        }
    }

    private void deleteState(int g) {
        try {
            Files.deleteIfExists(dir.stateMarker(g));
            for (TrainerKind kind : TrainerKind.values()) {
                Files.deleteIfExists(dir.stateFile(g, kind));
            }
        } catch (IOException e) {
            throw new ZooException("cannot remove the finished state of group " + g + ": " + e.getMessage());
        }
    }
}
