package io.hyperrep.ml.hyper;

import io.hyperrep.core.data.Permutations;
import io.hyperrep.core.hyper.CheckpointDataset;
import io.hyperrep.core.token.Augmentation;
import io.hyperrep.core.token.TokenLayout;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.ml.nd.Backend;
import io.hyperrep.ml.nd.StepArrayPool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The optimisation mechanics of the autoencoder: each step takes B training checkpoints, makes two
 * independently augmented views of each (the reconstruction target is the view itself, docs/METHOD.md §4),
 * computes gamma*NT-Xent + (1-gamma)*LWLN reconstruction and its gradients, clips them by global norm
 * (optional) and applies AdamW at the scheduled rate. Incomplete batches are dropped (NT-Xent needs a
 * fixed batch).
 *
 * <p>Everything random is a function of (seed, epoch) or (seed, step): the batch order and augmentation
 * of an epoch, and the dropout masks of a step. So a run restored at an epoch boundary continues
 * exactly as if it had not stopped.
 */
public final class AutoencoderTrainer implements AutoCloseable {

    // Kept apart (duplicates): HyperTrainingListener.StepProgress repeats these components flat for its listeners;
    // nesting a Step there would change every listener in the services.
    /** What one step did. */
    public record Step(
            double loss,
            double reconstructionLoss,
            double contrastiveLoss,
            double taskLoss,
            double functionLoss,
            double gradientNorm,
            double learningRate) {}

    /** Told after every step of an epoch (1-based {@code step} of {@code steps}). */
    @FunctionalInterface
    public interface StepCallback {
        void stepDone(int step, int steps, Step result);
    }

    /**
     * OpenMP threads (oneDNN's kernels) while a step runs: the ops are small (at most a few MFLOP), and on
     * the shared 2-core machine 2 threads made a step 4-6x slower than 1 (docs/PERFORMANCE.md).
     */
    static final int NATIVE_THREADS = 1;

    private static final List<String> STEP_OUTPUTS =
            List.of(AutoencoderGraph.LOSS, AutoencoderGraph.LOSS_RECONSTRUCTION, AutoencoderGraph.LOSS_CONTRASTIVE);

    private final TokenLayout layout;
    private final AutoencoderConfig cfg;
    private final List<Checkpoint> train;
    private final Augmentation augmentation;
    private final HyperTrainingParams params;
    private final NormalizationStats stats;
    private final SameDiff graph;
    /** The graph SameDiff derives for the gradients: every step executes it. */
    private final SameDiff gradients;
    /** Memory of the step's arrays, reused step after step (M2.1 would leave them to the garbage collector). */
    private final StepArrayPool arrays = new StepArrayPool();
    /** The placeholder, filled anew each step. */
    private final INDArray batch;

    private final Map<String, INDArray> variables = new LinkedHashMap<>();
    private final AdamW optimizer;
    private final HyperRepresentation current;
    private final List<String> inferenceNames;
    /** The optional task loss and its per-step placeholders (null without it). */
    private final TaskTraining task;

    private final Map<String, INDArray> placeholders = new LinkedHashMap<>();
    private final List<String> outputs;
    /** The task loss's per-step inputs, refilled each step (empty without a task loss). */
    private final float[] taskMix;

    private final float[] taskPixels;
    private final float[] taskLabels;

    public AutoencoderTrainer(
            AutoencoderConfig cfg, CheckpointDataset data, Augmentation augmentation, HyperTrainingParams params) {
        this(cfg, data, augmentation, params, null);
    }

    /** With {@code task} non-null, the loss gets the {@link TaskLoss} term computed on its images. */
    public AutoencoderTrainer(
            AutoencoderConfig cfg,
            CheckpointDataset data,
            Augmentation augmentation,
            HyperTrainingParams params,
            TaskTraining task) {
        if (data.train().size() < cfg.batchSize()) {
            throw new IllegalArgumentException("the training split has "
                    + data.train().size() + " checkpoints, fewer than one batch of " + cfg.batchSize());
        }
        this.layout = new TokenLayout(data.arch());
        this.cfg = cfg;
        this.train = data.train();
        this.augmentation = augmentation;
        this.params = params;
        if (cfg.centred() && task != null) {
            // the task and function terms run the decoded weights as CNNs inside the graph, which sees centred values
            throw new IllegalArgumentException(
                    "a centred autoencoder cannot train with the task or function loss (they need raw"
                            + " decoded weights inside the graph)");
        }
        this.stats = NormalizationStats.fit(data.arch(), data.train(), cfg.centred(), cfg.lwln());
        this.task = task;
        this.graph = task == null
                ? AutoencoderGraph.training(layout, cfg, stats.lossScales(), params.seed())
                : AutoencoderGraph.training(layout, cfg, stats.lossScales(), params.seed(), task.loss());
        for (String name : GraphWeights.names(graph)) {
            variables.put(name, graph.getVariable(name).getArr());
        }
        graph.createGradFunction();
        this.gradients = graph.getFunction("grad");
        this.batch = Nd4j.create(
                DataType.FLOAT, 2L * cfg.batchSize(), layout.architecture().parameterCount());
        placeholders.put(AutoencoderGraph.VIEWS, batch);
        List<String> out = new java.util.ArrayList<>(STEP_OUTPUTS);
        if (task != null) {
            long n = 2L * cfg.batchSize();
            var arch = layout.architecture();
            placeholders.put(
                    AutoencoderGraph.TASK_IMAGES,
                    Nd4j.create(
                            DataType.FLOAT, task.loss().images(), n * arch.channels(), arch.height(), arch.width()));
            if (task.loss().hasTask()) {
                placeholders.put(AutoencoderGraph.TASK_MIX, Nd4j.create(DataType.FLOAT, cfg.latent(), n, n));
                placeholders.put(
                        AutoencoderGraph.TASK_LABELS,
                        Nd4j.create(DataType.FLOAT, n, task.loss().images(), arch.classes()));
                out.add(AutoencoderGraph.LOSS_TASK);
            }
            if (task.loss().hasFunction()) {
                out.add(AutoencoderGraph.LOSS_FUNCTION);
            }
        }
        this.outputs = List.copyOf(out);
        this.taskMix = new float[lengthOf(AutoencoderGraph.TASK_MIX)];
        this.taskPixels = new float[lengthOf(AutoencoderGraph.TASK_IMAGES)];
        this.taskLabels = new float[lengthOf(AutoencoderGraph.TASK_LABELS)];
        this.optimizer = new AdamW(params.weightDecay());
        this.current = new HyperRepresentation(cfg, stats);
        this.inferenceNames = List.copyOf(current.weights().keySet());
    }

    public NormalizationStats statistics() {
        return stats;
    }

    /** Steps per epoch: full batches of the training split. */
    public int stepsPerEpoch() {
        return train.size() / cfg.batchSize();
    }

    public long totalSteps() {
        return (long) params.epochs() * stepsPerEpoch();
    }

    /** Optimisation steps taken so far (including those of a restored state). */
    public long stepsDone() {
        return optimizer.step();
    }

    /**
     * Trains the 1-based {@code epoch} from its first step. {@code cancelled} is checked before every
     * step; returns false if it stopped the epoch early (the weights are then mid-epoch).
     */
    public boolean trainEpoch(int epoch, StepCallback callback, BooleanSupplier cancelled) {
        if (epoch < 1 || epoch > params.epochs()) {
            throw new IllegalArgumentException("epoch " + epoch + " is outside 1.." + params.epochs());
        }
        SplittableRandom rnd = new SplittableRandom(params.seed() * 1_000_003L + epoch);
        int[] order = Permutations.shuffled(train.size(), rnd);
        int b = cfg.batchSize();
        int p = layout.architecture().parameterCount();
        int steps = stepsPerEpoch();
        for (int s = 0; s < steps; s++) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            float[] views = new float[2 * b * p];
            for (int i = 0; i < b; i++) {
                float[] w = train.get(order[s * b + i]).weights();
                System.arraycopy(
                        layout.toTokenOrder(stats.toModelInput(augmentation.view(layout.architecture(), w, rnd))),
                        0,
                        views,
                        i * p,
                        p);
                System.arraycopy(
                        layout.toTokenOrder(stats.toModelInput(augmentation.view(layout.architecture(), w, rnd))),
                        0,
                        views,
                        (b + i) * p,
                        p);
            }
            batch.data().setData(views);
            if (task != null) {
                fillTask(rnd);
            }
            long globalStep = (long) (epoch - 1) * steps + s;
            callback.stepDone(s + 1, steps, step(globalStep));
        }
        return true;
    }

    /** The value of a step output, NaN when the graph does not have it. */
    private double output(double[] losses, String name) {
        int i = outputs.indexOf(name);
        return i < 0 ? Double.NaN : losses[i];
    }

    private int lengthOf(String placeholder) {
        INDArray a = placeholders.get(placeholder);
        return a == null ? 0 : (int) a.length();
    }

    /** A fresh per-dimension shuffle of the batch's codes (task term) and fresh training images (both terms). */
    private void fillTask(SplittableRandom rnd) {
        int n = 2 * cfg.batchSize();
        if (task.loss().hasTask()) {
            java.util.Arrays.fill(taskMix, 0f);
            for (int d = 0; d < cfg.latent(); d++) {
                int[] perm = Permutations.shuffled(n, rnd);
                for (int r = 0; r < n; r++) {
                    taskMix[(d * n + r) * n + perm[r]] = 1f;
                }
            }
            placeholders.get(AutoencoderGraph.TASK_MIX).data().setData(taskMix);
        }
        task.fill(n, layout.architecture().classes(), rnd, taskPixels, taskLabels);
        placeholders.get(AutoencoderGraph.TASK_IMAGES).data().setData(taskPixels);
        if (task.loss().hasTask()) {
            placeholders.get(AutoencoderGraph.TASK_LABELS).data().setData(taskLabels);
        }
    }

    private Step step(long globalStep) {
        // Dropout masks come from ND4J's generator: reseeding it per step makes them a function of the step.
        Nd4j.getRandom().setSeed(params.seed() * 0x9E3779B97F4A7C15L + globalStep);
        Map<String, float[]> grads = new LinkedHashMap<>();
        double[] losses = new double[outputs.size()];
        int omp = Backend.ompThreadsOnThisThread(NATIVE_THREADS);
        try {
            arrays.attachTo(gradients);
            OutAndGrad og = graph.calculateGradientsAndOutputs(placeholders, outputs, variables.keySet());
            og.getGradients().forEach((name, g) -> grads.put(name, AdamW.values(g)));
            for (int i = 0; i < outputs.size(); i++) {
                losses[i] = og.getOutputs().get(outputs.get(i)).getDouble(0);
            }
        } finally {
            arrays.recycle(); // everything the step allocated has been copied out
            Backend.ompThreadsOnThisThread(omp);
        }
        double norm = GradientClipping.clip(grads, params.clipNorm());
        double lr = params.learningRateAt(globalStep, totalSteps());
        optimizer.apply(variables, grads, lr);
        return new Step(
                losses[0],
                losses[1],
                losses[2],
                output(losses, AutoencoderGraph.LOSS_TASK),
                output(losses, AutoencoderGraph.LOSS_FUNCTION),
                norm,
                lr);
    }

    /** Frees the steps' working memory now rather than at the next garbage collection; no steps afterwards. */
    @Override
    public void close() {
        arrays.close();
    }

    /** The dropout-free autoencoder with the current weights (shared: later steps do not change it until the next call). */
    public HyperRepresentation representation() {
        Map<String, INDArray> w = new LinkedHashMap<>();
        for (String name : inferenceNames) {
            w.put(name, variables.get(name));
        }
        current.setWeights(w, "the training graph");
        return current;
    }

    /** Copies of all trainable weights (autoencoder and projection head). */
    public Map<String, INDArray> weights() {
        return GraphWeights.read(graph);
    }

    /** The optimiser's moments (copies) for saving; see {@link #restore}. */
    public Map<String, INDArray> optimizerState() {
        return optimizer.state();
    }

    /** Sets the weights and the optimiser to a saved state after {@code steps} steps. */
    public void restore(
            Map<String, INDArray> weights, Map<String, INDArray> optimizerState, long steps, String source) {
        GraphWeights.write(graph, weights, true, source);
        for (Map.Entry<String, INDArray> e : optimizerState.entrySet()) {
            String name = e.getKey().substring(e.getKey().indexOf('/') + 1);
            INDArray var = variables.get(name);
            if (var == null
                    || !java.util.Arrays.equals(var.shape(), e.getValue().shape())) {
                throw new AutoencoderFileException(
                        source + " holds optimiser state '" + e.getKey() + "' that does not fit this autoencoder");
            }
        }
        optimizer.restore(optimizerState, steps);
    }

    /**
     * Starts from an earlier autoencoder's weights (fresh optimiser): its weights must all exist here with
     * the same shapes; weights it lacks (the projection head of a saved inference graph) keep their initialisation.
     */
    public void warmStart(Map<String, INDArray> weights, String source) {
        if (optimizer.step() > 0) {
            throw new IllegalStateException("warm start must come before the first step");
        }
        GraphWeights.write(graph, weights, false, source);
    }
}
