package io.hyperrep.core.sample;

import java.util.Map;

/**
 * S_KDE exactly as the released code samples it ({@code kde-faithful}; docs/METHOD.md §6.1). The original
 * fits one {@code KernelDensity(bandwidth=0.002)} per latent column and calls
 * {@code sample(n, random_state=42)} on each; since every column restarts the same generator, all
 * columns share the row index {@code i_k = floor(u_k · rows)} and the noise ε_k. A sample is therefore
 * {@code anchors[i_k] + h · ε_k · (1, …, 1)}: an anchor shifted along the all-ones direction, i.e.
 * near-replay of anchor embeddings.
 *
 * <p>Draws use numpy's legacy MT19937 in scikit-learn's order (all n uniforms, then n normals), so
 * with seed 42 and the anchors in the original order the samples equal the original's (up to the
 * final rounding to float).
 */
public final class FaithfulKdeSampler implements LatentSampler {

    public static final String METHOD = "kde-faithful";
    public static final double ORIGINAL_BANDWIDTH = 0.002;
    /** The {@code random_state} the original passes to every column. */
    public static final long ORIGINAL_SEED = 42;

    private final float[][] anchors;
    private final double bandwidth;

    private FaithfulKdeSampler(float[][] anchors, double bandwidth) {
        this.anchors = AnchorMatrix.checkedCopy(anchors, METHOD);
        this.bandwidth = bandwidth;
    }

    /** Bandwidth 0.002, as the original. */
    public static LatentSamplerFactory factory() {
        return factory(ORIGINAL_BANDWIDTH);
    }

    public static LatentSamplerFactory factory(double bandwidth) {
        AnchorMatrix.requireBandwidth(bandwidth);
        return (anchors, seed) -> new FaithfulKdeSampler(anchors, bandwidth);
    }

    // Kept apart (duplicates): the LatentSampler methods every sampler implements; only their entries differ.
    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public Map<String, Object> parameters() {
        return LineageParameters.empty()
                .put("bandwidth", bandwidth)
                .put("anchors", anchors.length)
                .put("dim", anchors[0].length)
                .put("generator", "numpy-legacy-mt19937")
                .toMap();
    }

    @Override
    public float[][] sample(int n, long seed) {
        AnchorMatrix.requireCount(n, METHOD);
        NumpyLegacyRandom rng = NumpyLegacyRandom.seeded(seed);
        int[] rows = new int[n];
        for (int k = 0; k < n; k++) {
            rows[k] = (int) (rng.nextDouble() * anchors.length);
        }
        int dim = anchors[0].length;
        float[][] z = new float[n][dim];
        for (int k = 0; k < n; k++) {
            double shift = bandwidth * rng.nextGaussian();
            float[] anchor = anchors[rows[k]];
            for (int j = 0; j < dim; j++) {
                z[k][j] = (float) (anchor[j] + shift);
            }
        }
        return z;
    }
}
