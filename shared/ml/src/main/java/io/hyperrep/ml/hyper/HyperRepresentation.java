package io.hyperrep.ml.hyper;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.io.AtomicFiles;
import io.hyperrep.core.token.TokenLayout;
import io.hyperrep.ml.nd.Backend;
import io.hyperrep.ml.nd.StepArrayPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained hyper-representation: the dropout-free autoencoder with its config and the statistics of
 * the checkpoints it was trained on. Takes and returns weights in canonical order; the token order of
 * the graph stays inside. Calls are serialised (a SameDiff graph is not thread-safe).
 */
public final class HyperRepresentation {

    /** Rows per graph call, so that encoding a whole zoo does not build one huge batch. */
    private static final int CHUNK = 256;

    private final TokenLayout layout;
    private final AutoencoderConfig cfg;
    private final NormalizationStats stats;
    private final SameDiff graph;
    private final float[] sigmaTokens;
    private final float[] meanTokens;
    /** The graph's working memory, reused call after call (SameDiff would leave part of it to the garbage collector). */
    private final StepArrayPool arrays = new StepArrayPool();

    HyperRepresentation(AutoencoderConfig cfg, NormalizationStats stats) {
        this.layout = new TokenLayout(stats.arch());
        this.cfg = cfg;
        this.stats = stats;
        if (cfg.centred() != stats.centred()) {
            throw new AutoencoderFileException(
                    "the config says " + (cfg.centred() ? "centred" : "raw") + " input, the normalisation"
                            + " statistics are for " + (stats.centred() ? "centred" : "raw") + " input");
        }
        this.graph = AutoencoderGraph.inference(layout, cfg);
        this.sigmaTokens = layout.toTokenOrder(stats.lossScales());
        // the R^2 baseline in the graph's space: the mean itself, or zero for centred input
        this.meanTokens = layout.toTokenOrder(stats.toModelInput(stats.parameterMean()));
    }

    /**
     * Loads the autoencoder directory written by {@link HyperTrainingRun} (or {@link #save}): the graph
     * is rebuilt from config.json and must match autoencoder.sd weight for weight.
     *
     * @throws AutoencoderFileException if a file is missing, unreadable, or the weights do not fit the config
     */
    public static HyperRepresentation load(Path dir) {
        io.hyperrep.ml.nd.Backend.init();
        AutoencoderConfig cfg = HyperFiles.readConfig(dir);
        NormalizationStats stats = HyperFiles.readNormalization(dir);
        Map<String, INDArray> weights = HyperFiles.readWeights(dir);
        HyperRepresentation rep = new HyperRepresentation(cfg, stats);
        rep.setWeights(weights, dir.resolve(HyperFiles.AUTOENCODER) + " (with " + HyperFiles.CONFIG + ")");
        return rep;
    }

    public Architecture architecture() {
        return layout.architecture();
    }

    public AutoencoderConfig config() {
        return cfg;
    }

    public NormalizationStats statistics() {
        return stats;
    }

    /** Replaces every weight of the graph; {@code source} names the origin in error messages. */
    synchronized void setWeights(Map<String, INDArray> weights, String source) {
        GraphWeights.write(graph, weights, true, source);
    }

    synchronized Map<String, INDArray> weights() {
        return GraphWeights.read(graph);
    }

    /** Latent codes of checkpoints given as canonical weight vectors. */
    public float[][] encode(float[][] canonical) {
        return run(toTokens(canonical), AutoencoderGraph.INPUT, AutoencoderGraph.LATENT);
    }

    /** Canonical weight vectors decoded from latent codes (each of {@code config().latent()} values). */
    public float[][] decode(float[][] latents) {
        for (int i = 0; i < latents.length; i++) {
            if (latents[i].length != cfg.latent()) {
                throw new IllegalArgumentException("latent " + i + " has " + latents[i].length
                        + " values, the autoencoder's latent size is " + cfg.latent());
            }
        }
        return fromTokens(run(latents, AutoencoderGraph.LATENT_INPUT, AutoencoderGraph.DECODED));
    }

    /** Encode then decode, in canonical order. */
    public float[][] reconstruct(float[][] canonical) {
        return fromTokens(run(toTokens(canonical), AutoencoderGraph.INPUT, AutoencoderGraph.RECONSTRUCTION));
    }

    /**
     * LWLN reconstruction loss of unaugmented checkpoints (dropout off) and R^2 = 1 - loss / loss of the
     * per-parameter training mean (docs/METHOD.md §5.2), both with the same layer weighting, in the graph's
     * space (for a centred autoencoder: the deviations, each layer scaled by their spread).
     */
    public double[] lossAndR2(float[][] canonical) {
        float[][] x = toTokens(canonical);
        float[][] recon = run(x, AutoencoderGraph.INPUT, AutoencoderGraph.RECONSTRUCTION);
        double loss = 0;
        double base = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                double w = cfg.lwln() ? 1.0 / (sigmaTokens[j] * (double) sigmaTokens[j]) : 1.0;
                double d = recon[i][j] - x[i][j];
                double m = meanTokens[j] - x[i][j];
                loss += w * d * d;
                base += w * m * m;
            }
        }
        long n = (long) x.length * sigmaTokens.length;
        return new double[] {loss / n, 1 - loss / base};
    }

    /** R^2 per layer of the architecture (unweighted within a layer), on unaugmented checkpoints. */
    public double[] layerR2(float[][] canonical) {
        float[][] recon = reconstruct(canonical);
        Architecture arch = layout.architecture();
        float[] mean = stats.parameterMean();
        double[] out = new double[arch.layers().size()];
        for (int l = 0; l < out.length; l++) {
            int from = arch.weightOffset(l);
            int to = arch.layerEnd(l);
            double res = 0;
            double tot = 0;
            for (int i = 0; i < canonical.length; i++) {
                float[] x = canonical[i];
                for (int j = from; j < to; j++) {
                    res += (recon[i][j] - x[j]) * (double) (recon[i][j] - x[j]);
                    tot += (mean[j] - x[j]) * (double) (mean[j] - x[j]);
                }
            }
            out[l] = 1 - res / tot;
        }
        return out;
    }

    /** Writes autoencoder.sd, config.json and normalization.json into {@code dir} (each atomically). */
    public synchronized void save(Path dir) {
        Path file = dir.resolve(HyperFiles.AUTOENCODER);
        try {
            AtomicFiles.write(file, tmp -> graph.save(tmp.toFile(), false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the autoencoder to " + file, e);
        }
        HyperFiles.writeConfig(dir, cfg);
        HyperFiles.writeNormalization(dir, stats);
    }

    private float[][] toTokens(float[][] canonical) {
        int p = layout.architecture().parameterCount();
        float[][] t = new float[canonical.length][];
        for (int i = 0; i < canonical.length; i++) {
            if (canonical[i].length != p) {
                throw new IllegalArgumentException("row " + i + " has " + canonical[i].length + " weights, "
                        + layout.architecture().id() + " has " + p);
            }
            t[i] = layout.toTokenOrder(stats.toModelInput(canonical[i]));
        }
        return t;
    }

    private float[][] fromTokens(float[][] tokens) {
        float[][] c = new float[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            c[i] = stats.fromModelOutput(layout.fromTokenOrder(tokens[i]));
        }
        return c;
    }

    private synchronized float[][] run(float[][] rows, String input, String output) {
        float[][] out = new float[rows.length][];
        int omp = Backend.ompThreadsOnThisThread(AutoencoderTrainer.NATIVE_THREADS);
        try {
            for (int from = 0; from < rows.length; from += CHUNK) {
                int n = Math.min(CHUNK, rows.length - from);
                float[][] chunk = new float[n][];
                System.arraycopy(rows, from, chunk, 0, n);
                INDArray in = Nd4j.create(chunk);
                arrays.attachTo(graph);
                try {
                    float[][] res =
                            graph.output(Map.of(input, in), output).get(output).toFloatMatrix();
                    System.arraycopy(res, 0, out, from, n);
                } finally {
                    arrays.recycle();
                }
            }
        } finally {
            Backend.ompThreadsOnThisThread(omp);
        }
        return out;
    }
}
