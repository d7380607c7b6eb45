package io.hyperrep.ml.hyper;

import io.hyperrep.core.data.Permutations;
import io.hyperrep.core.hyper.CheckpointDataset;
import io.hyperrep.core.hyper.LayerScales;
import io.hyperrep.core.token.Augmentation;
import io.hyperrep.core.token.TokenLayout;
import io.hyperrep.core.zoo.Checkpoint;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Trains the autoencoder on a {@link CheckpointDataset}: each step takes B training checkpoints,
 * makes two independently augmented views of each (the reconstruction target is the view itself,
 * METHOD.md §4), and minimises gamma*NT-Xent + (1-gamma)*LWLN reconstruction with AdamW (Adam +
 * decoupled weight decay). Incomplete batches are dropped (NT-Xent needs a fixed batch). Evaluation
 * runs the dropout-free inference graph on unaugmented checkpoints.
 */
public final class AutoencoderTrainer {

    private final TokenLayout layout;
    private final AutoencoderConfig cfg;
    private final CheckpointDataset data;
    private final Augmentation augmentation;
    private final long seed;
    private final LayerScales scales;
    private final float[] sigmaTokens;
    private final float[] meanTokens;
    private final SameDiff train;
    private final SameDiff infer;
    private int epochsDone;

    public AutoencoderTrainer(TokenLayout layout, AutoencoderConfig cfg, CheckpointDataset data, Augmentation augmentation,
                              long seed, double learningRate, double weightDecay) {
        if (data.train().size() < cfg.batchSize()) {
            throw new IllegalArgumentException("the training split has " + data.train().size() + " checkpoints, fewer than one batch of "
                    + cfg.batchSize());
        }
        this.layout = layout;
        this.cfg = cfg;
        this.data = data;
        this.augmentation = augmentation;
        this.seed = seed;
        this.scales = LayerScales.fit(layout.architecture(), data.train());
        this.sigmaTokens = layout.toTokenOrder(scales.perParameter());
        float[] mean = new float[layout.architecture().parameterCount()];
        for (Checkpoint c : data.train()) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += c.weights()[i] / data.train().size();
            }
        }
        this.meanTokens = layout.toTokenOrder(mean);
        this.train = AutoencoderGraph.training(layout, cfg, scales.perParameter(), seed);
        this.train.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(learningRate))
                .weightDecay(weightDecay, true)
                .dataSetFeatureMapping(AutoencoderGraph.VIEWS).markLabelsUnused()
                .minimize(AutoencoderGraph.LOSS).build());
        this.infer = AutoencoderGraph.inference(layout, cfg);
    }

    public LayerScales scales() {
        return scales;
    }

    public int epochsDone() {
        return epochsDone;
    }

    /** Steps per epoch: full batches of the training split. */
    public int stepsPerEpoch() {
        return data.train().size() / cfg.batchSize();
    }

    /** One epoch; {@code listener} sees (step, steps, loss). */
    public void trainEpoch(io.hyperrep.ml.cnn.StepListener listener) {
        int epoch = ++epochsDone;
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + epoch);
        int[] order = Permutations.shuffled(data.train().size(), rnd);
        int b = cfg.batchSize();
        int p = layout.architecture().parameterCount();
        int steps = stepsPerEpoch();
        for (int s = 0; s < steps; s++) {
            float[] views = new float[2 * b * p];
            for (int i = 0; i < b; i++) {
                float[] w = data.train().get(order[s * b + i]).weights();
                System.arraycopy(layout.toTokenOrder(augmentation.view(layout.architecture(), w, rnd)), 0, views, i * p, p);
                System.arraycopy(layout.toTokenOrder(augmentation.view(layout.architecture(), w, rnd)), 0, views, (b + i) * p, p);
            }
            INDArray x = Nd4j.create(views, new long[] {2L * b, p}, 'c');
            var history = train.fit(new MultiDataSet(new INDArray[] {x}, new INDArray[0]));
            double loss = history.lossCurve() == null ? Double.NaN : history.lossCurve().lastMeanLoss().totalLoss();
            listener.stepDone(s + 1, steps, loss);
        }
        syncInference();
    }

    /** Copies the trained weights into the dropout-free inference graph (same variable names). */
    private void syncInference() {
        for (SDVariable v : infer.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                SDVariable t = train.getVariable(v.name());
                if (t == null) {
                    throw new IllegalStateException("inference variable " + v.name() + " has no trained counterpart");
                }
                v.setArray(t.getArr().dup());
            }
        }
    }

    /** A copy of the inference weights (e.g. of the best epoch so far). */
    public Map<String, INDArray> snapshot() {
        Map<String, INDArray> m = new java.util.HashMap<>();
        for (SDVariable v : infer.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                m.put(v.name(), v.getArr().dup());
            }
        }
        return m;
    }

    /** Puts a {@link #snapshot()} back into the inference graph (training state is not touched). */
    public void restore(Map<String, INDArray> snapshot) {
        snapshot.forEach((name, arr) -> infer.getVariable(name).setArray(arr.dup()));
    }

    /** Reconstructions of raw checkpoints, in canonical order. */
    public float[][] reconstruct(List<Checkpoint> checkpoints) {
        float[][] recon = run(checkpoints, AutoencoderGraph.RECONSTRUCTION);
        for (int i = 0; i < recon.length; i++) {
            recon[i] = layout.fromTokenOrder(recon[i]);
        }
        return recon;
    }

    /** Latent codes of raw checkpoints. */
    public float[][] encode(List<Checkpoint> checkpoints) {
        return run(checkpoints, AutoencoderGraph.LATENT);
    }

    private float[][] run(List<Checkpoint> checkpoints, String output) {
        int p = layout.architecture().parameterCount();
        float[] x = new float[checkpoints.size() * p];
        for (int i = 0; i < checkpoints.size(); i++) {
            System.arraycopy(layout.toTokenOrder(checkpoints.get(i).weights()), 0, x, i * p, p);
        }
        INDArray in = Nd4j.create(x, new long[] {checkpoints.size(), p}, 'c');
        return infer.output(Map.of(AutoencoderGraph.INPUT, in), output).get(output).toFloatMatrix();
    }

    /** R^2 per layer of the architecture (unweighted within a layer), on unaugmented checkpoints. */
    public double[] layerR2(List<Checkpoint> checkpoints) {
        float[][] recon = reconstruct(checkpoints);
        var arch = layout.architecture();
        float[] mean = layout.fromTokenOrder(meanTokens);
        double[] out = new double[arch.layers().size()];
        for (int l = 0; l < out.length; l++) {
            int from = arch.weightOffset(l);
            int to = l + 1 < out.length ? arch.weightOffset(l + 1) : arch.parameterCount();
            double res = 0;
            double tot = 0;
            for (int i = 0; i < checkpoints.size(); i++) {
                float[] x = checkpoints.get(i).weights();
                for (int j = from; j < to; j++) {
                    res += (recon[i][j] - x[j]) * (double) (recon[i][j] - x[j]);
                    tot += (mean[j] - x[j]) * (double) (mean[j] - x[j]);
                }
            }
            out[l] = 1 - res / tot;
        }
        return out;
    }

    /** Saves the dropout-free inference graph (weights only). */
    public void saveInference(java.nio.file.Path file) {
        try {
            io.hyperrep.core.io.AtomicFiles.write(file, tmp -> infer.save(tmp.toFile(), false));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot save the autoencoder to " + file, e);
        }
    }

    /**
     * LWLN reconstruction loss of unaugmented checkpoints (dropout off) and R^2 = 1 - loss / loss of the
     * per-parameter training mean (METHOD.md §5.2), both with the same layer weighting.
     */
    public double[] lossAndR2(List<Checkpoint> checkpoints) {
        float[][] recon = run(checkpoints, AutoencoderGraph.RECONSTRUCTION);
        double loss = 0;
        double base = 0;
        for (int i = 0; i < checkpoints.size(); i++) {
            float[] x = layout.toTokenOrder(checkpoints.get(i).weights());
            for (int j = 0; j < x.length; j++) {
                double w = cfg.lwln() ? 1.0 / (sigmaTokens[j] * (double) sigmaTokens[j]) : 1.0;
                double d = recon[i][j] - x[j];
                double m = meanTokens[j] - x[j];
                loss += w * d * d;
                base += w * m * m;
            }
        }
        long n = (long) checkpoints.size() * sigmaTokens.length;
        return new double[] {loss / n, 1 - loss / base};
    }
}
