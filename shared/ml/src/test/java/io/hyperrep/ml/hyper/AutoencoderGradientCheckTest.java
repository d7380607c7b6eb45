package io.hyperrep.ml.hyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.token.TokenLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SameDiff's gradients of the whole training loss (LWLN reconstruction + NT-Xent through the projection
 * head) against central differences, in double precision, on a random element each of 16 trainable variables
 * spread over the whole graph.
 */
@ExtendWith(TrainingThreads.class)
class AutoencoderGradientCheckTest {

    static final TokenLayout LAYOUT = new TokenLayout(Architectures.CNN_S);
    static final double EPS = 1e-6;
    static final double MAX_RELATIVE_ERROR = 1e-4;
    /**
     * Round-off of a central difference of an O(1) loss at EPS in double precision is ~1e-10; exact zeros (e.g. the
     * key bias, to which softmax is invariant) are compared against this floor.
     */
    static final double ABSOLUTE_FLOOR = 1e-7;
    /** ND4J's generator before every pass, so that random ops (the task loss's jitter) draw the same values each time. */
    static final long SEED_PER_PASS = 17;

    /** Gamma 0.5: both loss terms carry weight; dropout 0: the loss is a deterministic function. */
    static final AutoencoderConfig CFG = TinyConfigs.oneBlock(8, 8, 4)
            .projection(2, 6, 4)
            .gamma(0.5)
            .temperature(0.5)
            .batchSize(2)
            .build();

    @Test
    void shouldMatchCentralDifferencesAcrossTheGraph() {
        int p = Architectures.CNN_S.parameterCount();
        float[] sigma = new float[p];
        for (int i = 0; i < p; i++) {
            sigma[i] = 0.05f + 0.02f * (i % 5);
        }
        SameDiff sd = AutoencoderGraph.training(LAYOUT, CFG, sigma, 11, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(5);
        Map<String, INDArray> ph =
                Map.of(AutoencoderGraph.VIEWS, Nd4j.randn(DataType.DOUBLE, 4, p).muli(0.1));
        assertGradientsMatch(
                sd,
                ph,
                List.of(
                        "enc_embed_1_W",
                        "enc_0_attn_q_W",
                        "enc_0_norm1_alpha",
                        "enc_neck_W",
                        "dec_expand_b",
                        "dec_pos",
                        "dec_0_ff2_W",
                        "dec_debed_4_b",
                        "proj_0_W",
                        "proj_bn1_gamma"));
    }

    /**
     * The same with the task loss: its gradient reaches the decoder through the decoded CNNs (conv im2col,
     * pooling, tanh, the cross-entropy) and the encoder through the mixed, jittered codes. The jitter is
     * random, so ND4J's generator is reseeded before every pass: each pass draws the same noise.
     */
    @Test
    void shouldMatchCentralDifferencesWithTheTaskLoss() {
        int p = Architectures.CNN_S.parameterCount();
        TaskLoss task = new TaskLoss(0.7, 0, 3, 0.4, io.hyperrep.core.arch.Activation.TANH);
        SameDiff sd = AutoencoderGraph.training(LAYOUT, CFG, uniformSigma(), 11, DataType.DOUBLE, task);
        Nd4j.getRandom().setSeed(6);
        // views of the size of real weights, so that the decoded CNNs' activations are not all saturated or all linear
        INDArray views = Nd4j.randn(DataType.DOUBLE, 4, p).muli(0.2);
        INDArray mix = Nd4j.zeros(DataType.DOUBLE, 4, 4, 4);
        SplittableRandom rnd = new SplittableRandom(8);
        for (int d = 0; d < 4; d++) {
            int[] perm = io.hyperrep.core.data.Permutations.shuffled(4, rnd);
            for (int r = 0; r < 4; r++) {
                mix.putScalar(new long[] {d, r, perm[r]}, 1.0);
            }
        }
        INDArray images = Nd4j.randn(DataType.DOUBLE, 3, 4, 28, 28);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 4, 3, 10);
        for (int m = 0; m < 4; m++) {
            for (int i = 0; i < 3; i++) {
                labels.putScalar(new long[] {m, i, (m * 3 + i) % 10}, 1.0);
            }
        }
        Map<String, INDArray> ph = Map.of(
                AutoencoderGraph.VIEWS,
                views,
                AutoencoderGraph.TASK_MIX,
                mix,
                AutoencoderGraph.TASK_IMAGES,
                images,
                AutoencoderGraph.TASK_LABELS,
                labels);
        assertTrue(output(sd, ph, AutoencoderGraph.LOSS_TASK) > 0.5);
        // Kept apart (duplicates): each loss term names the variables its gradient must reach
        assertGradientsMatch(
                sd,
                ph,
                List.of(
                        "enc_embed_0_W",
                        "enc_neck_W",
                        "enc_neck_b",
                        "dec_expand_W",
                        "dec_0_attn_v_W",
                        "dec_debed_0_W",
                        "dec_debed_1_b",
                        "dec_debed_3_W",
                        "dec_debed_4_W"));
    }

    /**
     * The same with the function term alone: its gradient reaches the decoder through the reconstructions'
     * CNNs and a softmax cross-entropy against the originals' predictions, which are constants of the step.
     */
    @Test
    void shouldMatchCentralDifferencesWithTheFunctionLoss() {
        int p = Architectures.CNN_S.parameterCount();
        TaskLoss task = new TaskLoss(0, 0.9, 3, 0.4, io.hyperrep.core.arch.Activation.TANH);
        SameDiff sd = AutoencoderGraph.training(LAYOUT, CFG, uniformSigma(), 12, DataType.DOUBLE, task);
        Nd4j.getRandom().setSeed(7);
        Map<String, INDArray> ph = Map.of(
                AutoencoderGraph.VIEWS,
                Nd4j.randn(DataType.DOUBLE, 4, p).muli(0.2),
                AutoencoderGraph.TASK_IMAGES,
                Nd4j.randn(DataType.DOUBLE, 3, 4, 28, 28));
        assertTrue(output(sd, ph, AutoencoderGraph.LOSS_FUNCTION) > 1e-3);
        assertGradientsMatch(
                sd,
                ph,
                List.of(
                        "enc_embed_2_W",
                        "enc_neck_W",
                        "dec_expand_W",
                        "dec_0_attn_k_W",
                        "dec_debed_0_W",
                        "dec_debed_1_W",
                        "dec_debed_2_b",
                        "dec_debed_4_W"));
    }

    /** Central differences on one random element of each of {@code mustCheck} and of 6 other trainable variables. */
    private static void assertGradientsMatch(SameDiff sd, Map<String, INDArray> ph, List<String> mustCheck) {
        List<String> trainable = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                trainable.add(v.name());
            }
        }
        assertEquals(DataType.DOUBLE, loss(sd, ph).dataType());
        Nd4j.getRandom().setSeed(SEED_PER_PASS);
        Map<String, INDArray> grads = sd.calculateGradients(ph, trainable);
        // every forward pass costs ~0.1-0.5 s (SameDiff's per-op overhead): check a sample of variables that spans
        // the encoder, the attention, the bottleneck, the decoder and the projection head
        SplittableRandom rnd = new SplittableRandom(3);
        List<String> sample = new ArrayList<>(mustCheck);
        assertTrue(trainable.containsAll(sample), "variables renamed? " + trainable);
        List<String> others = new ArrayList<>(trainable);
        others.removeAll(sample);
        java.util.Collections.shuffle(others, new java.util.Random(4));
        sample.addAll(others.subList(0, 6));
        double worst = 0;
        String worstAt = "";
        int nonZero = 0;
        int checked = 0;
        for (String name : sample) {
            INDArray w = sd.getVariable(name).getArr();
            INDArray g = grads.get(name);
            long i = rnd.nextLong(w.length());
            double orig = w.getDouble(i);
            w.putScalar(i, orig + EPS);
            double plus = loss(sd, ph).getDouble(0);
            w.putScalar(i, orig - EPS);
            double minus = loss(sd, ph).getDouble(0);
            w.putScalar(i, orig);
            double numeric = (plus - minus) / (2 * EPS);
            double analytic = g.getDouble(i);
            double err = Math.abs(numeric - analytic)
                    / (Math.max(Math.abs(numeric), Math.abs(analytic)) + ABSOLUTE_FLOOR / MAX_RELATIVE_ERROR);
            if (err > worst) {
                worst = err;
                worstAt = name + "[" + i + "]: numeric " + numeric + ", analytic " + analytic;
            }
            nonZero += Math.abs(analytic) > 1e-9 ? 1 : 0;
            checked++;
        }
        assertTrue(worst < MAX_RELATIVE_ERROR, "worst relative error " + worst + " at " + worstAt);
        assertTrue(nonZero > checked * 3 / 4, "only " + nonZero + " of " + checked + " checked gradients are non-zero");
    }

    /** Every weight's scale 0.1, for the task terms' graphs. */
    private static float[] uniformSigma() {
        float[] sigma = new float[Architectures.CNN_S.parameterCount()];
        java.util.Arrays.fill(sigma, 0.1f);
        return sigma;
    }

    private static double output(SameDiff sd, Map<String, INDArray> ph, String lossName) {
        return sd.output(ph, lossName).get(lossName).getDouble(0);
    }

    private static INDArray loss(SameDiff sd, Map<String, INDArray> ph) {
        Nd4j.getRandom().setSeed(SEED_PER_PASS);
        return sd.output(ph, AutoencoderGraph.LOSS).get(AutoencoderGraph.LOSS);
    }
}
