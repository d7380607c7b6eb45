package io.hyperrep.core.sample;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * {@code kde-joint}: a Gaussian KDE of the anchors' joint distribution. A sample is one anchor, chosen
 * uniformly, plus {@code N(0, h²·diag(σ²))} with σ the anchors' per-dimension standard deviations; the
 * scale h maximises the leave-one-out log-likelihood of the anchors over a geometric grid.
 *
 * <p>Why it exists next to {@code kde}: the per-dimension KDE takes each coordinate from a different
 * anchor, so its samples mix codes of unrelated models and fall between them. When a hyper-representation
 * decodes only the neighbourhoods of its training models (a small zoo), those samples decode to chance
 * accuracy, while a joint KDE stays within the anchors' neighbourhoods. Rules of thumb for h (Scott,
 * Silverman) shrink only like n^(−1/(d+4)), i.e. barely at all in 128 dimensions, and would spread samples
 * as wide as the whole anchor cloud; leave-one-out likelihood instead sizes h to how far anchors are from
 * their neighbours (typically other epochs of the same model).
 */
public final class JointKdeSampler implements LatentSampler {

    public static final String METHOD = "kde-joint";

    /** Grid of h: 0.005 to 2 standard deviations, 40 geometric steps. */
    static final double H_MIN = 0.005;

    static final double H_MAX = 2.0;
    static final int GRID = 40;

    private final float[][] anchors;
    private final double[] sigma;
    private final double h;
    private final OptionalDouble bandwidthScale;

    private JointKdeSampler(float[][] anchors, OptionalDouble bandwidthScale) {
        this.anchors = AnchorMatrix.checkedCopy(anchors, METHOD);
        if (this.anchors.length < 2) {
            throw new IllegalArgumentException(
                    METHOD + " chooses its bandwidth by leave-one-out likelihood and needs at least 2 anchors, got "
                            + this.anchors.length);
        }
        this.sigma = standardDeviations(this.anchors);
        this.h = leaveOneOutScale(this.anchors, sigma);
        this.bandwidthScale = bandwidthScale;
    }

    public static LatentSamplerFactory factory() {
        return new Factory(OptionalDouble.empty());
    }

    /**
     * Fits a {@link JointKdeSampler}. An explicit scale multiplies the leave-one-out h and is recorded in
     * the parameters; without one the parameters stay as they were before scales existed, so earlier
     * lineage still matches a reproduction.
     */
    private record Factory(OptionalDouble bandwidthScale) implements BandwidthScalable {

        @Override
        public LatentSampler fit(float[][] anchors, long seed) {
            return new JointKdeSampler(anchors, bandwidthScale);
        }

        @Override
        public LatentSamplerFactory withBandwidthScale(double scale) {
            BandwidthScalable.requireValid(scale);
            return new Factory(OptionalDouble.of(bandwidthScale.orElse(1.0) * scale));
        }
    }

    /** The scale h chosen by leave-one-out likelihood, in per-dimension standard deviations (before any bandwidth scale). */
    public double scale() {
        return h;
    }

    /** What the samples use: h times the bandwidth scale, in per-dimension standard deviations. */
    public double effectiveScale() {
        return h * bandwidthScale.orElse(1.0);
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public Map<String, Object> parameters() {
        LineageParameters p = LineageParameters.empty()
                .put("bandwidthRule", "loo-cv joint, h x per-dimension std")
                .put("scale", h);
        bandwidthScale.ifPresent(f -> p.put("bandwidthScale", f));
        return p.put("anchors", anchors.length).put("dim", sigma.length).toMap();
    }

    @Override
    public float[][] sample(int n, long seed) {
        AnchorMatrix.requireCount(n, METHOD);
        SplittableRandom rng = new SplittableRandom(seed);
        double s = effectiveScale();
        float[][] z = new float[n][sigma.length];
        for (float[] row : z) {
            float[] a = anchors[rng.nextInt(anchors.length)];
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (a[j] + s * sigma[j] * rng.nextGaussian());
            }
        }
        return z;
    }

    private static double[] standardDeviations(float[][] x) {
        int d = x[0].length;
        double[] s = new double[d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (float[] row : x) {
                mean += row[j];
            }
            mean /= x.length;
            double v = 0;
            for (float[] row : x) {
                v += (row[j] - mean) * (row[j] - mean);
            }
            // a constant dimension gets a tiny spread instead of a zero division (its samples stay put)
            s[j] = Math.max(Math.sqrt(v / x.length), 1e-12);
        }
        return s;
    }

    /** The grid value of h with the highest leave-one-out log-likelihood (the smallest one on ties). */
    static double leaveOneOutScale(float[][] x, double[] sigma) {
        int n = x.length;
        int d = sigma.length;
        double[][] dist2 = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = i + 1; k < n; k++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double t = (x[i][j] - x[k][j]) / sigma[j];
                    s += t * t;
                }
                dist2[i][k] = s;
                dist2[k][i] = s;
            }
        }
        double best = Double.NEGATIVE_INFINITY;
        double bestH = H_MIN;
        for (int g = 0; g < GRID; g++) {
            double h = H_MIN * Math.pow(H_MAX / H_MIN, g / (double) (GRID - 1));
            double ll = leaveOneOutLogLikelihood(dist2, h, d);
            if (ll > best) {
                best = ll;
                bestH = h;
            }
        }
        return bestH;
    }

    /** Σ_i log(1/(n−1) Σ_{k≠i} N(x_i; x_k, h²I)) in standardised units, up to terms not depending on h. */
    static double leaveOneOutLogLikelihood(double[][] dist2, double h, int d) {
        int n = dist2.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                if (k != i) {
                    max = Math.max(max, -dist2[i][k] / (2 * h * h));
                }
            }
            double sum = 0;
            for (int k = 0; k < n; k++) {
                if (k != i) {
                    sum += Math.exp(-dist2[i][k] / (2 * h * h) - max);
                }
            }
            total += max + Math.log(sum / (n - 1)) - d * Math.log(h);
        }
        return total;
    }
}
