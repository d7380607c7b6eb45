package io.hyperrep.ml.hyper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.ml.nd.Backend;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** AdamW's update, clipping and the learning-rate schedule against properties that hold for PyTorch's implementations. */
class AdamWTest {

    @BeforeAll
    static void init() {
        Backend.init();
    }

    @Test
    void shouldStepBySignOfAConstantGradientAfterDecay() {
        // with a constant gradient the bias-corrected moments are g and g^2, so each step is exactly lr * sign(g)
        INDArray w = Nd4j.create(new float[] {1f, -2f, 0.5f}, new long[] {3}, 'c');
        Map<String, INDArray> params = Map.of("w", w);
        AdamW opt = new AdamW(0.01);
        float[] expected = {1f, -2f, 0.5f};
        float[] g = {0.5f, -0.1f, 3f};
        for (int step = 1; step <= 3; step++) {
            opt.apply(params, Map.of("w", g.clone()), 0.1);
            for (int i = 0; i < 3; i++) {
                expected[i] = (float) (expected[i] * (1 - 0.1 * 0.01) - 0.1 * Math.signum(g[i]));
            }
            assertArrayEquals(expected, w.toFloatVector(), 1e-6f, "step " + step);
        }
        assertEquals(3, opt.step());
    }

    @Test
    void shouldRestoreItsStateExactly() {
        INDArray a = Nd4j.create(new float[] {1f, 2f, 3f, 4f}, new long[] {2, 2}, 'c');
        INDArray b = a.dup();
        AdamW first = new AdamW(0.1);
        first.apply(Map.of("w", a), Map.of("w", new float[] {0.3f, -0.2f, 0.1f, 0f}), 0.01);
        AdamW second = new AdamW(0.1);
        second.restore(first.state(), first.step());
        b.assign(a);
        first.apply(Map.of("w", a), Map.of("w", new float[] {-0.1f, 0.4f, 0.2f, 0.5f}), 0.01);
        second.apply(Map.of("w", b), Map.of("w", new float[] {-0.1f, 0.4f, 0.2f, 0.5f}), 0.01);
        assertArrayEquals(a.data().asFloat(), b.data().asFloat(), 0f);
        assertArrayEquals(new long[] {2, 2}, first.state().get("m/w").shape());
    }

    @Test
    void shouldUpdateAViewLikeAWholeArray() {
        INDArray matrix = Nd4j.create(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, new long[] {3, 2}, 'c');
        INDArray column = matrix.getColumn(1); // a view: updated through a copy, not in place
        INDArray whole = column.dup();
        float[] g = {0.3f, -0.2f, 0.1f};
        AdamW a = new AdamW(0.1);
        AdamW b = new AdamW(0.1);
        for (int step = 0; step < 2; step++) {
            a.apply(Map.of("w", column), Map.of("w", g.clone()), 0.01);
            b.apply(Map.of("w", whole), Map.of("w", g.clone()), 0.01);
        }
        assertArrayEquals(whole.toFloatVector(), column.toFloatVector(), 0f);
        assertArrayEquals(
                new float[] {1f, 3f, 5f},
                matrix.getColumn(0).toFloatVector(),
                0f,
                "the rest of the matrix is untouched");
        assertTrue(Math.abs(whole.getFloat(0) - 2f) > 1e-3, "the update moved the weights");
    }

    @Test
    void shouldClipTheGlobalNormOnlyAboveTheLimit() {
        Map<String, float[]> grads = new LinkedHashMap<>();
        grads.put("a", new float[] {3f});
        grads.put("b", new float[] {0f, 4f});
        assertEquals(5.0, GradientClipping.clip(grads, 10), 1e-9);
        assertArrayEquals(new float[] {0f, 4f}, grads.get("b"), 0f);
        assertEquals(5.0, GradientClipping.clip(grads, 1), 1e-9);
        assertArrayEquals(new float[] {0.6f}, grads.get("a"), 1e-6f);
        assertArrayEquals(new float[] {0f, 0.8f}, grads.get("b"), 1e-6f);
        assertEquals(1.0, GradientClipping.globalNorm(grads), 1e-6);
    }

    @Test
    void shouldWarmUpLinearlyThenDecayToZero() {
        LearningRateSchedule s = LearningRateSchedule.WARMUP_COSINE;
        assertEquals(0.25, s.at(1, 0, 10, 4), 1e-12);
        assertEquals(1.0, s.at(1, 3, 10, 4), 1e-12);
        assertEquals(1.0, s.at(1, 4, 10, 4), 1e-12, "cosine starts at the base rate");
        // decay steps 4..9: step 6 is 2/5 of the way, 0.5 * (1 + cos(0.4 pi))
        assertEquals(0.5 * (1 + Math.cos(0.4 * Math.PI)), s.at(1, 6, 10, 4), 1e-12);
        assertEquals(0.0, s.at(1, 9, 10, 4), 1e-12, "and ends at 0");
        assertEquals(0.3, LearningRateSchedule.CONSTANT.at(0.3, 7, 10, 4), 0);
        assertThrows(IllegalArgumentException.class, () -> s.at(1, 10, 10, 4));
        assertEquals(LearningRateSchedule.WARMUP_COSINE, LearningRateSchedule.parse("warmup-cosine"));
        assertEquals(LearningRateSchedule.CONSTANT, LearningRateSchedule.parse("none"));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse("step"));
    }
}
