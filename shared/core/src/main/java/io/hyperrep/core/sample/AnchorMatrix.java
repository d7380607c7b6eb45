package io.hyperrep.core.sample;

/**
 * Input checks shared by the samplers: anchors form a finite, non-empty rectangular matrix, sample counts
 * are not negative, kernel bandwidths are positive.
 */
final class AnchorMatrix {

    private AnchorMatrix() {}

    /** A deep copy of {@code anchors} after checking it, so a sampler never sees later changes. */
    static float[][] checkedCopy(float[][] anchors, String method) {
        if (anchors == null || anchors.length == 0) {
            throw new IllegalArgumentException(method + " sampler needs at least one anchor embedding");
        }
        int dim = anchors[0] == null ? 0 : anchors[0].length;
        if (dim == 0) {
            throw new IllegalArgumentException(method + " sampler: anchor embeddings have no dimensions");
        }
        float[][] copy = new float[anchors.length][];
        for (int i = 0; i < anchors.length; i++) {
            if (anchors[i] == null || anchors[i].length != dim) {
                throw new IllegalArgumentException(method + " sampler: anchor " + i + " has "
                        + (anchors[i] == null ? "no" : String.valueOf(anchors[i].length)) + " dimensions, anchor 0 has "
                        + dim);
            }
            for (int j = 0; j < dim; j++) {
                if (!Float.isFinite(anchors[i][j])) {
                    throw new IllegalArgumentException(
                            method + " sampler: anchor " + i + " has a non-finite value at dimension " + j);
                }
            }
            copy[i] = anchors[i].clone();
        }
        return copy;
    }

    /** {@code h} if it is a usable kernel bandwidth (positive and finite); IllegalArgumentException otherwise. */
    static double requireBandwidth(double h) {
        if (!(h > 0 && Double.isFinite(h))) {
            throw new IllegalArgumentException("KDE bandwidth must be positive and finite, got " + h);
        }
        return h;
    }

    static void requireCount(int n, String method) {
        if (n < 0) {
            throw new IllegalArgumentException(method + " sampler: number of samples must be >= 0, got " + n);
        }
    }
}
