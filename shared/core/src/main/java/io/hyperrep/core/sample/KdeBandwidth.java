package io.hyperrep.core.sample;

import io.hyperrep.core.stats.Quantiles;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** How {@link KdeSampler} chooses one Gaussian bandwidth per latent dimension. */
public sealed interface KdeBandwidth {

    /** Bandwidths, one per column of {@code anchors} (a checked matrix). */
    double[] select(float[][] anchors);

    /** Rule name and settings, for lineage. */
    Map<String, Object> parameters();

    static KdeBandwidth silverman() {
        return new Silverman();
    }

    static KdeBandwidth fixed(double h) {
        return new Fixed(h);
    }

    /** This rule's bandwidths multiplied by {@code factor} (composes: scaling a scaled rule multiplies the factors). */
    default KdeBandwidth scaled(double factor) {
        return new Scaled(this, factor);
    }

    /** Leave-one-out likelihood over {@link LeaveOneOutCv#DEFAULT_FACTORS} × Silverman's bandwidth. */
    static KdeBandwidth leaveOneOutCv() {
        return new LeaveOneOutCv(LeaveOneOutCv.DEFAULT_FACTORS);
    }

    /**
     * Silverman's rule of thumb per dimension, {@code 0.9 · min(σ, IQR/1.34) · n^(−1/5)} with σ the
     * sample standard deviation (ddof 1) and IQR from linear quantiles. The zero-spread guard is R's
     * {@code bw.nrd0}: if the minimum is 0 use σ, then |first value|, then 1.
     */
    record Silverman() implements KdeBandwidth {

        @Override
        public double[] select(float[][] anchors) {
            double[] h = new double[anchors[0].length];
            for (int j = 0; j < h.length; j++) {
                h[j] = of(column(anchors, j));
            }
            return h;
        }

        /** The bandwidth of one sample (not modified). */
        public static double of(double[] x) {
            int n = x.length;
            double mean = Arrays.stream(x).average().orElseThrow();
            double ss = 0;
            for (double v : x) {
                ss += (v - mean) * (v - mean);
            }
            double sigma = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            double iqr = Quantiles.linear(sorted, 0.75) - Quantiles.linear(sorted, 0.25);
            double spread = Math.min(sigma, iqr / 1.34);
            if (spread == 0) {
                spread = sigma;
            }
            if (spread == 0) {
                spread = Math.abs(x[0]);
            }
            if (spread == 0) {
                spread = 1;
            }
            return 0.9 * spread * Math.pow(n, -0.2);
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of("bandwidthRule", "silverman");
        }
    }

    /** The same bandwidth {@code h} in every dimension (the original's 0.002; SANE used 0.2). */
    record Fixed(double h) implements KdeBandwidth {

        public Fixed {
            AnchorMatrix.requireBandwidth(h);
        }

        @Override
        public double[] select(float[][] anchors) {
            double[] bw = new double[anchors[0].length];
            Arrays.fill(bw, h);
            return bw;
        }

        @Override
        public Map<String, Object> parameters() {
            return LineageParameters.empty()
                    .put("bandwidthRule", "fixed")
                    .put("bandwidth", h)
                    .toMap();
        }
    }

    /**
     * Per dimension, the bandwidth {@code f · h_Silverman} over the grid of factors f that maximises the
     * leave-one-out log-likelihood {@code Σ_i log( 1/(n−1) Σ_{j≠i} φ_h(x_i − x_j) )}; the first factor
     * wins ties. Needs at least 2 anchors. Kernel terms more than e^−40 below an anchor's nearest one are
     * skipped (exact to double precision), so the cost is near {@code n log n} per dimension and factor
     * for spread-out data and {@code n²} at worst.
     */
    record LeaveOneOutCv(List<Double> factors) implements KdeBandwidth {

        /** 0.1 to 3 times Silverman's bandwidth, geometrically spaced. */
        public static final List<Double> DEFAULT_FACTORS =
                List.of(0.1, 0.13, 0.17, 0.22, 0.29, 0.38, 0.5, 0.65, 0.85, 1.1, 1.4, 1.8, 2.3, 3.0);

        private static final double NEGLIGIBLE_LOG_RATIO = 40;

        public LeaveOneOutCv {
            if (factors == null || factors.isEmpty()) {
                throw new IllegalArgumentException("leave-one-out bandwidth search needs at least one grid factor");
            }
            for (Double f : factors) {
                if (f == null || !(f > 0 && Double.isFinite(f))) {
                    throw new IllegalArgumentException(
                            "bandwidth grid factors must be positive and finite, got " + factors);
                }
            }
            factors = List.copyOf(factors);
        }

        @Override
        public double[] select(float[][] anchors) {
            if (anchors.length < 2) {
                throw new IllegalArgumentException(
                        "leave-one-out bandwidth search needs at least 2 anchors, got " + anchors.length);
            }
            double[] h = new double[anchors[0].length];
            for (int j = 0; j < h.length; j++) {
                double[] x = column(anchors, j);
                double base = Silverman.of(x);
                Arrays.sort(x);
                double best = Double.NEGATIVE_INFINITY;
                for (double f : factors) {
                    double score = leaveOneOutLogLikelihood(x, f * base);
                    if (score > best) {
                        best = score;
                        h[j] = f * base;
                    }
                }
            }
            return h;
        }

        /** Leave-one-out log-likelihood of ascending {@code x} under a Gaussian KDE of bandwidth {@code h}. */
        static double leaveOneOutLogLikelihood(double[] x, double h) {
            int n = x.length;
            double twoH2 = 2 * h * h;
            double total = -n * Math.log((n - 1) * h * Math.sqrt(2 * Math.PI));
            for (int i = 0; i < n; i++) {
                double nearest = Double.POSITIVE_INFINITY;
                if (i > 0) {
                    nearest = x[i] - x[i - 1];
                }
                if (i + 1 < n) {
                    nearest = Math.min(nearest, x[i + 1] - x[i]);
                }
                double top = nearest * nearest / twoH2;
                double sum = 0;
                for (int k = i - 1; k >= 0; k--) {
                    double e = (x[i] - x[k]) * (x[i] - x[k]) / twoH2 - top;
                    if (e > NEGLIGIBLE_LOG_RATIO) {
                        break;
                    }
                    sum += Math.exp(-e);
                }
                for (int k = i + 1; k < n; k++) {
                    double e = (x[k] - x[i]) * (x[k] - x[i]) / twoH2 - top;
                    if (e > NEGLIGIBLE_LOG_RATIO) {
                        break;
                    }
                    sum += Math.exp(-e);
                }
                total += Math.log(sum) - top;
            }
            return total;
        }

        // Kept apart (duplicates): each rule's own lineage entries, built the one way (LineageParameters).
        @Override
        public Map<String, Object> parameters() {
            return LineageParameters.empty()
                    .put("bandwidthRule", "loo-cv")
                    .put("silvermanFactors", factors)
                    .toMap();
        }
    }

    /**
     * Another rule's bandwidths times {@code factor}: a sweep from near-copies of the anchors (factor
     * below 1) to samples far from them (above 1), keeping the rule's per-dimension proportions.
     */
    record Scaled(KdeBandwidth base, double factor) implements KdeBandwidth {

        public Scaled {
            if (base == null) {
                throw new IllegalArgumentException("a scaled bandwidth needs the rule it scales");
            }
            BandwidthScalable.requireValid(factor);
            if (base instanceof Scaled inner) {
                factor *= inner.factor();
                base = inner.base();
            }
        }

        @Override
        public double[] select(float[][] anchors) {
            double[] h = base.select(anchors);
            for (int j = 0; j < h.length; j++) {
                h[j] *= factor;
            }
            return h;
        }

        @Override
        public Map<String, Object> parameters() {
            return LineageParameters.startingWith(base.parameters())
                    .put("bandwidthScale", factor)
                    .toMap();
        }
    }

    private static double[] column(float[][] anchors, int j) {
        double[] x = new double[anchors.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = anchors[i][j];
        }
        return x;
    }
}
