package io.hyperrep.core.sample;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * S_U (docs/METHOD.md §6, {@code uniform}): every coordinate independently uniform on [low, high),
 * U(−1, 1) in the original. The anchors only fix the dimension; this is the lower reference.
 */
public final class UniformSampler implements LatentSampler {

    public static final String METHOD = "uniform";

    private final int dim;
    private final double low;
    private final double high;

    private UniformSampler(int dim, double low, double high) {
        this.dim = dim;
        this.low = low;
        this.high = high;
    }

    /** U(−1, 1), as the original. */
    public static LatentSamplerFactory factory() {
        return factory(-1, 1);
    }

    public static LatentSamplerFactory factory(double low, double high) {
        if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
            throw new IllegalArgumentException(
                    "uniform sampler needs finite low < high, got [" + low + ", " + high + ")");
        }
        return (anchors, seed) -> new UniformSampler(AnchorMatrix.checkedCopy(anchors, METHOD)[0].length, low, high);
    }

    // Kept apart (duplicates): the LatentSampler methods every sampler implements; only their entries differ.
    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public Map<String, Object> parameters() {
        return LineageParameters.empty()
                .put("dim", dim)
                .put("low", low)
                .put("high", high)
                .toMap();
    }

    @Override
    public float[][] sample(int n, long seed) {
        AnchorMatrix.requireCount(n, METHOD);
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] z = new float[n][dim];
        for (float[] row : z) {
            for (int j = 0; j < dim; j++) {
                // Rounding to float could reach `high` itself; keep the draw inside the range.
                row[j] = (float) Math.min(low + (high - low) * rng.nextDouble(), Math.nextDown((float) high));
            }
        }
        return z;
    }
}
