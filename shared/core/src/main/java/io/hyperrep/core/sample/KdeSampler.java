package io.hyperrep.core.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * S_KDE as the paper describes it ({@code kde}; docs/METHOD.md §6, §12.2): an independent Gaussian KDE per
 * latent dimension. Each coordinate j of a sample picks its own anchor row uniformly and adds
 * N(0, h_j²), so coordinates mix values of different anchors, unlike {@link FaithfulKdeSampler}.
 * Consequence used by the tests: per dimension, sample mean = anchor mean and sample variance =
 * anchor variance (ddof 0) + h_j².
 */
public final class KdeSampler implements LatentSampler {

    public static final String METHOD = "kde";

    private final float[][] anchors;
    private final double[] bandwidths;
    private final KdeBandwidth rule;

    private KdeSampler(float[][] anchors, KdeBandwidth rule) {
        this.anchors = AnchorMatrix.checkedCopy(anchors, METHOD);
        this.rule = rule;
        this.bandwidths = rule.select(this.anchors);
    }

    /** Silverman's rule per dimension. */
    public static LatentSamplerFactory factory() {
        return factory(KdeBandwidth.silverman());
    }

    public static LatentSamplerFactory factory(KdeBandwidth rule) {
        return new Factory(rule);
    }

    /** Fits a {@link KdeSampler} with {@code rule}; its bandwidths scale through {@link KdeBandwidth#scaled}. */
    private record Factory(KdeBandwidth rule) implements BandwidthScalable {

        Factory {
            if (rule == null) {
                throw new IllegalArgumentException("KDE sampler needs a bandwidth rule");
            }
        }

        @Override
        public LatentSampler fit(float[][] anchors, long seed) {
            return new KdeSampler(anchors, rule);
        }

        @Override
        public LatentSamplerFactory withBandwidthScale(double scale) {
            return new Factory(rule.scaled(scale));
        }
    }

    /** The bandwidth of every dimension. */
    public double[] bandwidths() {
        return bandwidths.clone();
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public Map<String, Object> parameters() {
        List<Double> h = new ArrayList<>(bandwidths.length);
        for (double b : bandwidths) {
            h.add(b);
        }
        return LineageParameters.startingWith(rule.parameters())
                .put("anchors", anchors.length)
                .put("dim", bandwidths.length)
                .put("bandwidths", Collections.unmodifiableList(h))
                .toMap();
    }

    @Override
    public float[][] sample(int n, long seed) {
        AnchorMatrix.requireCount(n, METHOD);
        SplittableRandom rng = new SplittableRandom(seed);
        int dim = bandwidths.length;
        float[][] z = new float[n][dim];
        for (float[] row : z) {
            for (int j = 0; j < dim; j++) {
                row[j] = (float) (anchors[rng.nextInt(anchors.length)][j] + bandwidths[j] * rng.nextGaussian());
            }
        }
        return z;
    }
}
