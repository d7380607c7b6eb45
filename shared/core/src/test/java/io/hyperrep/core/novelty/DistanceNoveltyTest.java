package io.hyperrep.core.novelty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DistanceNoveltyTest {

    @Test
    void shouldRelateSampleDistancesToTheMedianTrainingDistance() {
        float[][] train = {{0}, {2}, {4}, {10}};
        float[][] samples = {{0}, {1}, {5}, {13}};
        DistanceNovelty n = DistanceNovelty.of(samples, train);
        // train → train nearest: 2, 2, 2, 6 → median 2; samples → train: 0, 1, 1, 3.
        assertArrayEquals(new double[] {2, 2, 2, 6}, n.trainingDistances(), 1e-12);
        assertArrayEquals(new double[] {0, 1, 1, 3}, n.sampleDistances(), 1e-12);
        assertArrayEquals(new int[] {0, 0, 2, 3}, n.nearestTraining());
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1.5}, n.relative(), 1e-12);
        assertEquals(2, n.training().median(), 1e-12);
        assertEquals(0.5, n.medianRatio(), 1e-12);
    }

    @Test
    void shouldUseOtherGroupsForTrainingNeighbours() {
        float[][] train = {{0}, {0.1f}, {4}, {4.1f}};
        DistanceNovelty n = DistanceNovelty.of(new float[][] {{2}}, train, new int[] {0, 0, 1, 1});
        // nearest of another group: 4, 3.9, 3.9, 4.0 → median 3.95 (within a group it would be 0.1).
        assertEquals(3.95, n.training().median(), 1e-6);
        assertEquals(1.9 / 3.95, n.relative()[0], 1e-6);
    }

    @Test
    void shouldRejectDuplicatedTrainingVectors() {
        assertThrows(
                IllegalArgumentException.class,
                () -> DistanceNovelty.of(new float[][] {{1}}, new float[][] {{0}, {0}, {0}}));
    }
}
