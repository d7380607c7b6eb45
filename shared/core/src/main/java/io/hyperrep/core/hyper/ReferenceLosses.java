package io.hyperrep.core.hyper;

/**
 * Plain-Java definitions of the hyper-representation's losses, the independent reference for the
 * SameDiff graphs (docs/METHOD.md §5).
 */
public final class ReferenceLosses {

    private ReferenceLosses() {}

    /**
     * LWLN reconstruction loss with the {@code global_mean} reduction: mean over rows and parameters
     * of ((yhat - x) / s)^2, i.e. each layer weighted by 1/sigma_l^2. With every s = 1 it is the plain MSE.
     */
    public static double lwlnMse(float[][] reconstruction, float[][] target, float[] s) {
        double sum = 0;
        long n = 0;
        for (int b = 0; b < target.length; b++) {
            for (int i = 0; i < s.length; i++) {
                double d = (reconstruction[b][i] - target[b][i]) / s[i];
                sum += d * d;
                n++;
            }
        }
        return sum / n;
    }

    /**
     * SimCLR NT-Xent over 2B projections (rows 0..B-1 are view i, B..2B-1 view j): cosine similarities
     * divided by tau, the diagonal excluded, cross-entropy of each row's positive (its other view),
     * averaged over the 2B rows.
     */
    public static double ntXent(float[][] p, double tau) {
        int n = p.length;
        if (n % 2 != 0) {
            throw new IllegalArgumentException("NT-Xent needs 2B rows, got " + n);
        }
        int b = n / 2;
        double[][] z = new double[n][];
        for (int r = 0; r < n; r++) {
            double norm = 0;
            for (float v : p[r]) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            z[r] = new double[p[r].length];
            for (int k = 0; k < p[r].length; k++) {
                z[r][k] = p[r][k] / norm;
            }
        }
        double loss = 0;
        for (int r = 0; r < n; r++) {
            int pos = r < b ? r + b : r - b;
            double max = Double.NEGATIVE_INFINITY;
            double[] logits = new double[n];
            for (int c = 0; c < n; c++) {
                if (c == r) {
                    continue;
                }
                double dot = 0;
                for (int k = 0; k < z[r].length; k++) {
                    dot += z[r][k] * z[c][k];
                }
                logits[c] = dot / tau;
                max = Math.max(max, logits[c]);
            }
            double sum = 0;
            for (int c = 0; c < n; c++) {
                if (c != r) {
                    sum += Math.exp(logits[c] - max);
                }
            }
            loss += Math.log(sum) + max - logits[pos];
        }
        return loss / n;
    }
}
