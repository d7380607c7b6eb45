package io.hyperrep.core.sample;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A Java stand-in for S_Neigh ({@code neigh}; docs/METHOD.md §6): a sample is a random convex combination of
 * an anchor's neighbourhood. Draw a centre anchor uniformly, take its k nearest anchors (Euclidean,
 * the centre included, ties by index), weight them with Dirichlet(1, …, 1) weights (uniform on the
 * simplex) and add per-dimension Gaussian noise of {@code noiseScale ×} the neighbourhood's standard
 * deviation (ddof 0) in that dimension. With noise 0 every sample lies in the convex hull of k anchors.
 *
 * <p>How it differs from the original: the original fits UMAP (n_neighbors 15, min_dist 0.01,
 * 3 components, random_state 42) to the anchors, samples uniformly in the cube spanned by the global
 * minimum and maximum UMAP coordinate, and maps each point back with {@code umap.inverse_transform}
 * (a distance-weighted average of the latent codes of the point's neighbours in the 3-D embedding,
 * refined by UMAP's optimisation). No Java UMAP has an inverse transform, so this sampler keeps only
 * the idea of interpolating within a 15-anchor neighbourhood. Differences: neighbourhoods are found in
 * the latent space itself, not in the embedding; each anchor's neighbourhood is equally likely, while
 * the cube favours anchors by the volume of their region (including empty space at the cube's
 * corners); and the weights are Dirichlet draws, not inverse-transform weights. Its samples are
 * S_Neigh-like, not the original's.
 */
public final class NeighbourhoodSampler implements LatentSampler {

    public static final String METHOD = "neigh";
    /** The original's UMAP {@code n_neighbors}. */
    public static final int DEFAULT_NEIGHBOURS = 15;

    public static final double DEFAULT_NOISE_SCALE = 0.05;

    private final float[][] anchors;
    private final int[][] neighbours;
    private final double noiseScale;

    private NeighbourhoodSampler(float[][] anchors, int k, double noiseScale) {
        this.anchors = AnchorMatrix.checkedCopy(anchors, METHOD);
        this.noiseScale = noiseScale;
        this.neighbours = nearestAnchors(this.anchors, Math.min(k, this.anchors.length));
    }

    /** 15 neighbours, noise 0.05 × the neighbourhood's spread. */
    public static LatentSamplerFactory factory() {
        return factory(DEFAULT_NEIGHBOURS, DEFAULT_NOISE_SCALE);
    }

    /** {@code k} neighbours (fewer if there are fewer anchors) and a noise scale ≥ 0. */
    public static LatentSamplerFactory factory(int k, double noiseScale) {
        if (k < 1) {
            throw new IllegalArgumentException("neighbourhood sampler needs k >= 1 neighbours, got " + k);
        }
        if (!(noiseScale >= 0 && Double.isFinite(noiseScale))) {
            throw new IllegalArgumentException("neighbourhood noise scale must be finite and >= 0, got " + noiseScale);
        }
        return (anchors, seed) -> new NeighbourhoodSampler(anchors, k, noiseScale);
    }

    // Kept apart (duplicates): the LatentSampler methods every sampler implements; only their entries differ.
    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public Map<String, Object> parameters() {
        return LineageParameters.empty()
                .put("neighbours", neighbours[0].length)
                .put("noiseScale", noiseScale)
                .put("weights", "dirichlet(1)")
                .put("anchors", anchors.length)
                .put("dim", anchors[0].length)
                .toMap();
    }

    @Override
    public float[][] sample(int n, long seed) {
        AnchorMatrix.requireCount(n, METHOD);
        SplittableRandom rng = new SplittableRandom(seed);
        int dim = anchors[0].length;
        float[][] z = new float[n][];
        for (int s = 0; s < n; s++) {
            int[] hood = neighbours[rng.nextInt(anchors.length)];
            double[] w = dirichletOnes(hood.length, rng);
            double[] mean = new double[dim];
            double[] point = new double[dim];
            for (int m = 0; m < hood.length; m++) {
                float[] a = anchors[hood[m]];
                for (int j = 0; j < dim; j++) {
                    point[j] += w[m] * a[j];
                    mean[j] += a[j];
                }
            }
            float[] row = new float[dim];
            for (int j = 0; j < dim; j++) {
                double noise = 0;
                if (noiseScale > 0) {
                    mean[j] /= hood.length;
                    double var = 0;
                    for (int index : hood) {
                        double d = anchors[index][j] - mean[j];
                        var += d * d;
                    }
                    noise = noiseScale * Math.sqrt(var / hood.length) * rng.nextGaussian();
                }
                row[j] = (float) (point[j] + noise);
            }
            z[s] = row;
        }
        return z;
    }

    /** Dirichlet(1, …, 1): normalised standard exponentials. */
    private static double[] dirichletOnes(int k, SplittableRandom rng) {
        double[] w = new double[k];
        double sum = 0;
        for (int m = 0; m < k; m++) {
            w[m] = -Math.log(1 - rng.nextDouble());
            sum += w[m];
        }
        for (int m = 0; m < k; m++) {
            w[m] /= sum;
        }
        return w;
    }

    /** For every anchor the indices of its k nearest anchors, itself first (distance 0), ties by index. */
    static int[][] nearestAnchors(float[][] anchors, int k) {
        int rows = anchors.length;
        int[][] result = new int[rows][];
        Integer[] order = new Integer[rows];
        double[] dist = new double[rows];
        for (int c = 0; c < rows; c++) {
            for (int i = 0; i < rows; i++) {
                dist[i] = i == c ? -1 : squaredDistance(anchors[c], anchors[i]);
                order[i] = i;
            }
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> dist[i]).thenComparingInt(i -> i));
            result[c] = new int[k];
            for (int m = 0; m < k; m++) {
                result[c][m] = order[m];
            }
        }
        return result;
    }

    private static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return s;
    }
}
