package io.hyperrep.core.novelty;

/**
 * Nearest-neighbour L2 distances between canonical weight vectors (docs/METHOD.md §9.1.1), by brute force:
 * 1000 samples × 500 references × 2464 weights is about 1.2·10⁹ multiply-adds, with early exit once a
 * partial sum exceeds the best distance so far.
 */
public final class NearestDistances {

    private static final int EXIT_CHECK_BLOCK = 128;

    /** The nearest reference vector of one query: its index and the L2 distance. */
    public record Nearest(int index, double distance) {}

    private NearestDistances() {}

    /** For each query its nearest vector in {@code reference}. */
    public static Nearest[] toReference(float[][] queries, float[][] reference) {
        int dim = requireMatrix(reference, "reference", 1);
        if (queries == null) {
            throw new IllegalArgumentException("queries are missing");
        }
        Nearest[] result = new Nearest[queries.length];
        for (int q = 0; q < queries.length; q++) {
            requireRow(queries[q], dim, "query", q);
            result[q] = nearest(queries[q], reference, -1, null, 0);
        }
        return result;
    }

    /** For each reference vector its nearest other reference vector (itself excluded). */
    public static Nearest[] withinReference(float[][] reference) {
        requireMatrix(reference, "reference", 2);
        Nearest[] result = new Nearest[reference.length];
        for (int i = 0; i < reference.length; i++) {
            result[i] = nearest(reference[i], reference, i, null, 0);
        }
        return result;
    }

    /**
     * For each reference vector its nearest vector of another group, e.g. another model, so that
     * adjacent epochs of one run are not each other's neighbours ({@code groups[i]} is vector i's group).
     */
    public static Nearest[] withinReference(float[][] reference, int[] groups) {
        requireMatrix(reference, "reference", 2);
        if (groups == null || groups.length != reference.length) {
            throw new IllegalArgumentException("need one group per reference vector: " + reference.length + " vectors, "
                    + (groups == null ? 0 : groups.length) + " groups");
        }
        Nearest[] result = new Nearest[reference.length];
        for (int i = 0; i < reference.length; i++) {
            result[i] = nearest(reference[i], reference, i, groups, groups[i]);
            if (result[i].index() < 0) {
                throw new IllegalArgumentException(
                        "reference vector " + i + " has no neighbour outside its group " + groups[i]);
            }
        }
        return result;
    }

    /** Nearest row of {@code reference}, skipping row {@code self} and rows of group {@code ownGroup}. */
    private static Nearest nearest(float[] x, float[][] reference, int self, int[] groups, int ownGroup) {
        int best = -1;
        double bestSq = Double.POSITIVE_INFINITY;
        for (int r = 0; r < reference.length; r++) {
            if (r == self || (groups != null && groups[r] == ownGroup)) {
                continue;
            }
            double sq = boundedSquaredDistance(x, reference[r], bestSq);
            if (sq < bestSq) {
                bestSq = sq;
                best = r;
            }
        }
        return new Nearest(best, Math.sqrt(bestSq));
    }

    /** Squared distance, or any value ≥ {@code bound} once the partial sum passes it. */
    private static double boundedSquaredDistance(float[] a, float[] b, double bound) {
        double sum = 0;
        for (int start = 0; start < a.length; start += EXIT_CHECK_BLOCK) {
            int end = Math.min(a.length, start + EXIT_CHECK_BLOCK);
            for (int j = start; j < end; j++) {
                double d = (double) a[j] - b[j];
                sum += d * d;
            }
            if (sum >= bound) {
                return sum;
            }
        }
        return sum;
    }

    private static int requireMatrix(float[][] m, String name, int minRows) {
        if (m == null || m.length < minRows) {
            throw new IllegalArgumentException(
                    "need at least " + minRows + " " + name + " vector(s), got " + (m == null ? 0 : m.length));
        }
        int dim = m[0] == null ? 0 : m[0].length;
        if (dim == 0) {
            throw new IllegalArgumentException(name + " vectors are empty");
        }
        for (int i = 0; i < m.length; i++) {
            requireRow(m[i], dim, name, i);
        }
        return dim;
    }

    private static void requireRow(float[] row, int dim, String name, int i) {
        if (row == null || row.length != dim) {
            throw new IllegalArgumentException(name + " vector " + i + " has "
                    + (row == null ? "no" : String.valueOf(row.length)) + " values, expected " + dim);
        }
    }
}
