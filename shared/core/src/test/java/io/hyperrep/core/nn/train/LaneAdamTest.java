package io.hyperrep.core.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vectorised Adam step against a scalar double-precision transcription of PyTorch's
 * {@code torch.optim.Adam} / {@code AdamW} single-tensor algorithm, over several steps.
 */
class LaneAdamTest {

    @ParameterizedTest
    @CsvSource({"0.0,false", "0.01,false", "0.01,true"})
    void shouldFollowPyTorchsAdam(double weightDecay, boolean decoupled) {
        AdamSettings s = new AdamSettings(3e-3, 0.9, 0.999, 1e-8, weightDecay, decoupled);
        int n = 4 * LaneTrainer.lanes();
        SplittableRandom rnd = new SplittableRandom(3);
        float[] p = new float[n];
        double[] rp = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = (float) rnd.nextGaussian();
            rp[i] = p[i];
        }
        float[] m = new float[n];
        float[] v = new float[n];
        double[] rm = new double[n];
        double[] rv = new double[n];
        for (int t = 1; t <= 20; t++) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                // gradients of very different sizes, some zero: epsilon and bias correction both matter
                g[i] = i % 7 == 0 ? 0f : (float) (rnd.nextGaussian() * Math.pow(10, -(i % 5)));
            }
            for (int i = 0; i < n; i++) {
                rp[i] = p[i]; // compare one step at a time: float parameters drift from double ones by an ulp a step
            }
            reference(s, t, rp, g, rm, rv);
            LaneAdam.step(s, t, p, g.clone(), m, v);
            for (int i = 0; i < n; i++) {
                // an ulp of the parameter for the float add, 1e-5 of the step for the float moments
                assertEquals(rp[i], p[i], Math.ulp(p[i]) + 1e-5 * s.learningRate(), "step " + t + " parameter " + i);
            }
        }
    }

    /** torch/optim/adam.py _single_tensor_adam (and adamw's decoupled decay), in double. */
    private static void reference(AdamSettings s, int t, double[] p, float[] grad, double[] m, double[] v) {
        double bc1 = 1 - Math.pow(s.beta1(), t);
        double bc2 = 1 - Math.pow(s.beta2(), t);
        for (int i = 0; i < p.length; i++) {
            double g = grad[i];
            if (s.decoupled()) {
                p[i] *= 1 - s.learningRate() * s.weightDecay();
            } else {
                g += s.weightDecay() * p[i];
            }
            m[i] += (g - m[i]) * (1 - s.beta1());
            v[i] = v[i] * s.beta2() + (1 - s.beta2()) * g * g;
            double denom = Math.sqrt(v[i]) / Math.sqrt(bc2) + s.epsilon();
            p[i] -= s.learningRate() / bc1 * m[i] / denom;
        }
    }
}
