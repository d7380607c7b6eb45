package io.hyperrep.ml.hyper;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AdamW exactly as PyTorch's {@code torch.optim.AdamW} (betas 0.9/0.999, eps 1e-8): decay
 * {@code p *= 1 - lr*wd}, then the bias-corrected Adam step. Written out rather than taken from
 * SameDiff's TrainingConfig because the training loop needs the gradients in between (global-norm
 * clipping) and its state (m, v, step) must be saved and restored exactly.
 */
public final class AdamW {

    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private final double weightDecay;
    private final Map<String, INDArray> m = new LinkedHashMap<>();
    private final Map<String, INDArray> v = new LinkedHashMap<>();
    private long step;

    public AdamW(double weightDecay) {
        this.weightDecay = weightDecay;
    }

    /** Steps taken so far (the bias correction's t). */
    public long step() {
        return step;
    }

    /** Updates every parameter in place with its gradient at learning rate {@code lr}. */
    public void apply(Map<String, INDArray> params, Map<String, INDArray> grads, double lr) {
        step++;
        double bc1 = 1 - Math.pow(BETA1, step);
        double bc2 = 1 - Math.pow(BETA2, step);
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray g = grads.get(e.getKey());
            if (g == null) {
                throw new IllegalStateException("no gradient for " + e.getKey());
            }
            INDArray p = e.getValue();
            INDArray mi = m.computeIfAbsent(e.getKey(), k -> Nd4j.zeros(p.dataType(), p.shape()));
            INDArray vi = v.computeIfAbsent(e.getKey(), k -> Nd4j.zeros(p.dataType(), p.shape()));
            mi.muli(BETA1).addi(g.mul(1 - BETA1));
            vi.muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
            if (weightDecay > 0) {
                p.muli(1 - lr * weightDecay);
            }
            INDArray denom = Transforms.sqrt(vi.div(bc2), false).addi(EPSILON);
            p.subi(mi.div(denom).muli(lr / bc1));
        }
    }

    /** The moments as {@code m/<name>} and {@code v/<name>} (copies), for saving. */
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        m.forEach((k, a) -> s.put("m/" + k, a.dup()));
        v.forEach((k, a) -> s.put("v/" + k, a.dup()));
        return s;
    }

    /** Restores {@link #state()} and the step count of a saved run. */
    public void restore(Map<String, INDArray> state, long steps) {
        m.clear();
        v.clear();
        state.forEach((k, a) -> {
            if (k.startsWith("m/")) {
                m.put(k.substring(2), a.dup());
            } else if (k.startsWith("v/")) {
                v.put(k.substring(2), a.dup());
            } else {
                throw new IllegalArgumentException("unexpected optimiser state entry " + k);
            }
        });
        this.step = steps;
    }
}
