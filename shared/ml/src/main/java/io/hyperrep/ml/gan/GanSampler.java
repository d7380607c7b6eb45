package io.hyperrep.ml.gan;

import io.hyperrep.core.sample.LatentSampler;
import io.hyperrep.core.sample.LineageParameters;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code gan} sampler (S_GAN, docs/METHOD.md §6): standard-normal noise through a trained generator,
 * mapped back from the standardised space. The design (the paper's GAN code was never released) is
 * documented on the package {@code io.hyperrep.ml.gan}; {@link GanSamplerFactory} fits it.
 *
 * <p>Draws are deterministic: the noise comes from {@link SplittableRandom}{@code (seed)}, not ND4J.
 * Thread-safe: draws are serialised on the generator graph.
 */
public final class GanSampler implements LatentSampler {

    public static final String METHOD = "gan";

    private final GanConfig cfg;
    private final Standardizer standardizer;
    private final int noiseDim;
    private final SameDiff graph;
    private final GanTrainingSummary summary;
    private final long fitSeed;
    private final int anchors;

    GanSampler(
            GanConfig cfg,
            Standardizer standardizer,
            Mlp generator,
            Map<String, INDArray> parameters,
            GanTrainingSummary summary,
            long fitSeed,
            int anchors) {
        this.cfg = cfg;
        this.standardizer = standardizer;
        this.noiseDim = generator.inputs();
        this.graph = GanGraphs.generator(generator, parameters);
        this.summary = summary;
        this.fitSeed = fitSeed;
        this.anchors = anchors;
    }

    @Override
    public String method() {
        return METHOD;
    }

    /** Configuration, fit seed, anchor count and dimension, and the losses training ended with. */
    @Override
    public Map<String, Object> parameters() {
        return LineageParameters.startingWith(cfg.asMap())
                .put("fitSeed", fitSeed)
                .put("anchors", anchors)
                .put("latentDim", standardizer.dim())
                .putAll(summary.asMap())
                .toMap();
    }

    public GanTrainingSummary trainingSummary() {
        return summary;
    }

    /** {@code n >= 1} codes from noise seeded with {@code seed}. */
    @Override
    public float[][] sample(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("gan sampler: number of samples must be >= 0, got " + n);
        }
        if (n == 0) {
            return new float[0][]; // as every other sampler: nothing asked, nothing drawn
        }
        INDArray noise = GanNoise.standardNormalMatrix(n, noiseDim, new SplittableRandom(seed));
        float[][] standardised;
        synchronized (graph) {
            standardised =
                    GanSamplerFactory.onOneThread(() -> graph.output(Map.of(GanGraphs.NOISE, noise), GanGraphs.SAMPLE)
                            .get(GanGraphs.SAMPLE)
                            .toFloatMatrix());
        }
        return standardizer.invert(standardised);
    }
}
