package io.hyperrep.ml.hyper;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Global-norm gradient clipping as PyTorch's {@code clip_grad_norm_}. */
public final class GradientClipping {

    private GradientClipping() {
    }

    /** The L2 norm of all gradients taken together. */
    public static double globalNorm(Map<String, INDArray> grads) {
        double sq = 0;
        for (INDArray g : grads.values()) {
            double n = g.norm2Number().doubleValue();
            sq += n * n;
        }
        return Math.sqrt(sq);
    }

    /**
     * Scales every gradient in place by {@code maxNorm / (norm + 1e-6)} if the global norm exceeds
     * {@code maxNorm}; {@code maxNorm} 0 means no clipping. Returns the norm before clipping.
     */
    public static double clip(Map<String, INDArray> grads, double maxNorm) {
        double norm = globalNorm(grads);
        if (maxNorm > 0 && norm > maxNorm) {
            double scale = maxNorm / (norm + 1e-6);
            grads.values().forEach(g -> g.muli(scale));
        }
        return norm;
    }
}
