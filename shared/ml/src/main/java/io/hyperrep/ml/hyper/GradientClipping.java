package io.hyperrep.ml.hyper;

import java.util.Map;

/** Global-norm gradient clipping as PyTorch's {@code clip_grad_norm_}, on gradients copied out as float arrays. */
public final class GradientClipping {

    private GradientClipping() {}

    /** The L2 norm of all gradients taken together. */
    public static double globalNorm(Map<String, float[]> grads) {
        double sq = 0;
        for (float[] g : grads.values()) {
            for (float x : g) {
                sq += x * (double) x;
            }
        }
        return Math.sqrt(sq);
    }

    /**
     * Scales every gradient in place by {@code maxNorm / (norm + 1e-6)} if the global norm exceeds
     * {@code maxNorm}; {@code maxNorm} 0 means no clipping. Returns the norm before clipping.
     */
    public static double clip(Map<String, float[]> grads, double maxNorm) {
        double norm = globalNorm(grads);
        if (maxNorm > 0 && norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (float[] g : grads.values()) {
                for (int i = 0; i < g.length; i++) {
                    g[i] *= scale;
                }
            }
        }
        return norm;
    }
}
