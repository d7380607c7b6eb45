package io.hyperrep.core.nn.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** One Adam step over lane-interleaved parameters, element by element, in PyTorch's order of operations. */
final class LaneAdam {

    private static final VectorSpecies<Float> S = LaneCnn.S;

    private LaneAdam() {}

    /**
     * Updates {@code params}, {@code m} and {@code v} in place from {@code grads} ({@code grads} is
     * overwritten when the weight decay is coupled).
     *
     * @param step the 1-based number of this step (bias correction)
     */
    static void step(AdamSettings a, long step, float[] params, float[] grads, float[] m, float[] v) {
        double bc1 = 1 - Math.pow(a.beta1(), (double) step);
        double bc2 = 1 - Math.pow(a.beta2(), (double) step);
        float stepSize = (float) (a.learningRate() / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        float beta2 = (float) a.beta2();
        float oneMinusBeta1 = (float) (1 - a.beta1());
        float oneMinusBeta2 = (float) (1 - a.beta2());
        float eps = (float) a.epsilon();
        float coupled = a.decoupled() ? 0f : (float) a.weightDecay();
        FloatVector coupledVec = FloatVector.broadcast(S, coupled);
        FloatVector oneMinusBeta1Vec = FloatVector.broadcast(S, oneMinusBeta1);
        float shrink = a.decoupled() ? (float) (1 - a.learningRate() * a.weightDecay()) : 1f;
        for (int j = 0; j < params.length; j += S.length()) {
            FloatVector p = FloatVector.fromArray(S, params, j);
            FloatVector g = FloatVector.fromArray(S, grads, j);
            if (coupled != 0f) {
                g = p.fma(coupledVec, g); // grad.add(param, alpha=wd)
            }
            if (shrink != 1f) {
                p = p.mul(shrink); // AdamW: param.mul_(1 - lr*wd)
            }
            FloatVector mj = FloatVector.fromArray(S, m, j);
            mj = g.sub(mj).fma(oneMinusBeta1Vec, mj); // exp_avg.lerp_(grad, 1-beta1)
            FloatVector vj = FloatVector.fromArray(S, v, j)
                    .mul(beta2)
                    .add(g.mul(oneMinusBeta2).mul(g)); // mul_(b2).addcmul_(g, g, 1-b2)
            FloatVector denom = vj.sqrt().div(bc2Sqrt).add(eps);
            p = p.sub(mj.div(denom).mul(stepSize)); // addcdiv_(exp_avg, denom, -step_size)
            p.intoArray(params, j);
            mj.intoArray(m, j);
            vj.intoArray(v, j);
        }
    }
}
