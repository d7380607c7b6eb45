package io.hyperrep.core.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pairwise weight distances and prediction differences, checked on hand-computed cases. */
class ZooDiversityTest {

    @Test
    void shouldAverageOverEveryPairOfModels() {
        float[][] w = {{0, 0}, {3, 4}, {0, 8}};
        int[] labels = {0, 1, 2, 3};
        List<int[]> predictions = List.of(new int[] {0, 1, 2, 3}, new int[] {0, 1, 0, 0}, new int[] {1, 1, 0, 3});
        ZooDiversity d = ZooDiversity.of(w, predictions, labels);
        assertEquals(3, d.models());
        // distances 5, 8, 5
        assertEquals(6, d.meanPairwiseDistance(), 1e-12);
        assertEquals((0 + 5 + 8) / 3.0, d.meanNorm(), 1e-12);
        // mean (1, 4): distances sqrt(17), sqrt(4+0), sqrt(1+16)
        assertEquals((2 * Math.sqrt(17) + 2) / 3, d.meanDistanceToMean(), 1e-12);
        // disagreements 2/4, 2/4, 2/4
        assertEquals(0.5, d.meanDisagreement(), 1e-12);
        // error sets {}, {2,3}, {0,2}: IoU 0, 0, 1/3
        assertEquals(1 / 9.0, d.meanErrorSetIoU(), 1e-12);
    }

    @Test
    void shouldRefuseFewerThanTwoModelsAndMismatchedInputs() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ZooDiversity.of(new float[][] {{1}}, List.of(new int[] {0}), new int[] {0}));
        assertThrows(
                IllegalArgumentException.class,
                () -> ZooDiversity.of(new float[][] {{1}, {2}}, List.of(new int[] {0}), new int[] {0}));
    }
}
