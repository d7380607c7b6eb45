package io.hyperrep.core.hyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architectures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceLossesTest {

    @Test
    void shouldWeightEachLayerByItsInverseVariance() {
        float[] s = {1f, 2f};
        double l = ReferenceLosses.lwlnMse(new float[][] {{1f, 2f}}, new float[][] {{0f, 0f}}, s);
        assertEquals((1.0 + 1.0) / 2, l, 1e-12);
    }

    @Test
    void shouldGiveTheKnownNtXentOfOrthogonalAndIdenticalViews() {
        // B=2, views identical, the two samples orthogonal: each row's logits are 1/tau (positive) and 0, 0.
        float[][] p = {{1, 0}, {0, 1}, {1, 0}, {0, 1}};
        double tau = 0.5;
        double expected = Math.log(Math.exp(2) + 2) - 2;
        assertEquals(expected, ReferenceLosses.ntXent(p, tau), 1e-12);
        float[][] swapped = {{1, 0}, {0, 1}, {0, 1}, {1, 0}};
        assertTrue(ReferenceLosses.ntXent(swapped, tau) > ReferenceLosses.ntXent(p, tau));
    }

    @Test
    void shouldComputeUnbiasedClampedLayerScales() {
        var a = Architectures.CNN_S;
        var c1 = CheckpointDatasetTest.ck(a, "a", 5, 0f);
        var c2 = CheckpointDatasetTest.ck(a, "b", 5, 2f);
        LayerScales s = LayerScales.fit(a, List.of(c1, c2));
        int n = 208 * 2;
        assertEquals(Math.sqrt((n * 1.0) / (n - 1)), s.sigma()[0], 1e-9);
        var c3 = CheckpointDatasetTest.ck(a, "c", 5, 1f);
        assertEquals(LayerScales.MIN_SIGMA, LayerScales.fit(a, List.of(c3)).sigma()[2]);
        assertEquals((float) s.sigma()[4], s.perParameter()[a.parameterCount() - 1]);
    }
}
