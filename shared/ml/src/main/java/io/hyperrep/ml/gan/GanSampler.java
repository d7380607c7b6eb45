package io.hyperrep.ml.gan;

import io.hyperrep.core.sample.LatentSampler;
import io.hyperrep.ml.nd.Backend;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code gan} sampler (S_GAN / S_GAN30, METHOD.md §6). The paper's GAN was never released, so
 * this is hyperrep's own design, fitted by {@link GanSamplerFactory}:
 *
 * <ul>
 *   <li>Anchors are standardized per dimension (mean 0, std 1) before training; samples are mapped
 *       back, so the GAN works at unit scale whatever the autoencoder's latent scale.</li>
 *   <li>Generator: MLP from standard-normal noise ({@code noiseDim}) through {@code hiddenLayers}
 *       LeakyReLU(0.2) layers of {@code hiddenWidth} to a linear output of the latent dimension.
 *       Discriminator: the same shape from the latent dimension to one logit.</li>
 *   <li>Loss: logistic, non-saturating for the generator, one-sided label smoothing (real target
 *       0.9) for the discriminator. WGAN-GP was ruled out: its gradient penalty needs second-order
 *       gradients, which SameDiff M2.1 does not provide.</li>
 *   <li>Training: Adam (beta1 0.5), one discriminator and one generator step per iteration, in two
 *       SameDiff graphs ({@link GanGraphs}).</li>
 *   <li>Determinism: the fit seed fixes initial weights, batches and training noise; the sampling seed
 *       fixes the noise of a draw. All of it comes from {@link SplittableRandom}, not ND4J.</li>
 * </ul>
 *
 * <p>Thread-safe: draws are serialised on the generator graph.
 */
public final class GanSampler implements LatentSampler {

    public static final String METHOD = "gan";

    private final GanConfig cfg;
    private final Standardizer standardizer;
    private final Mlp generator;
    private final SameDiff graph;
    private final GanTrainingSummary summary;
    private final long fitSeed;
    private final int anchors;

    GanSampler(GanConfig cfg, Standardizer standardizer, GanTrainer.Result trained, long fitSeed, int anchors) {
        this.cfg = cfg;
        this.standardizer = standardizer;
        this.generator = trained.generator();
        this.graph = GanGraphs.generator(trained.generator(), trained.generatorParameters());
        this.summary = trained.summary();
        this.fitSeed = fitSeed;
        this.anchors = anchors;
    }

    @Override
    public String method() {
        return METHOD;
    }

    /** Configuration, fit seed, anchor count and dimension, and how training ended. */
    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>(cfg.asMap());
        m.put("fitSeed", fitSeed);
        m.put("anchors", anchors);
        m.put("latentDim", standardizer.dim());
        m.putAll(summary.asMap());
        return m;
    }

    public GanTrainingSummary trainingSummary() {
        return summary;
    }

    @Override
    public float[][] sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot draw a negative number of codes: " + n);
        }
        if (n == 0) {
            return new float[0][];
        }
        INDArray noise = GanNoise.standardNormal(n, generator.inputs(), new SplittableRandom(seed));
        float[][] standardized;
        synchronized (graph) {
            standardized = Backend.withoutHelpers(
                    () -> graph.output(Map.of(GanGraphs.NOISE, noise), GanGraphs.SAMPLE).get(GanGraphs.SAMPLE).toFloatMatrix());
        }
        return standardizer.invert(standardized);
    }
}
