package io.hyperrep.core.novelty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NearestDistancesTest {

    private static final float[][] TRAIN = {{0, 0}, {3, 4}, {10, 0}};

    @Test
    void shouldGiveZeroForACopyOfATrainingVector() {
        NearestDistances.Nearest[] r = NearestDistances.toReference(new float[][] {{3, 4}, {0, 1}, {9, 0}}, TRAIN);
        assertEquals(new NearestDistances.Nearest(1, 0), r[0]);
        assertEquals(new NearestDistances.Nearest(0, 1), r[1]);
        assertEquals(new NearestDistances.Nearest(2, 1), r[2]);
    }

    @Test
    void shouldExcludeSelfWithinTheReference() {
        NearestDistances.Nearest[] r = NearestDistances.withinReference(TRAIN);
        assertEquals(new NearestDistances.Nearest(1, 5), r[0]);
        assertEquals(new NearestDistances.Nearest(0, 5), r[1]);
        assertEquals(1, r[2].index());
        assertEquals(Math.sqrt(49 + 16), r[2].distance(), 1e-12);
    }

    @Test
    void shouldExcludeTheSameGroupWhenGroupsAreGiven() {
        float[][] reference = {{0, 0}, {0, 1}, {5, 0}, {5, 2}};
        NearestDistances.Nearest[] r = NearestDistances.withinReference(reference, new int[] {7, 7, 8, 8});
        assertEquals(new NearestDistances.Nearest(2, 5), r[0]);
        assertEquals(2, r[1].index());
        assertEquals(new NearestDistances.Nearest(0, 5), r[2]);
        assertThrows(
                IllegalArgumentException.class,
                () -> NearestDistances.withinReference(reference, new int[] {1, 1, 1, 1}));
    }

    @Test
    void shouldMatchBruteForceOnLongVectors() {
        Random rng = new Random(5);
        float[][] train = random(rng, 30, 2464);
        float[][] queries = random(rng, 10, 2464);
        NearestDistances.Nearest[] r = NearestDistances.toReference(queries, train);
        for (int q = 0; q < queries.length; q++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int t = 0; t < train.length; t++) {
                double s = 0;
                for (int j = 0; j < 2464; j++) {
                    s += Math.pow((double) queries[q][j] - train[t][j], 2);
                }
                if (Math.sqrt(s) < bestD) {
                    bestD = Math.sqrt(s);
                    best = t;
                }
            }
            assertEquals(best, r[q].index());
            assertEquals(bestD, r[q].distance(), 1e-9);
        }
    }

    private static float[][] random(Random rng, int rows, int dim) {
        float[][] m = new float[rows][dim];
        for (float[] row : m) {
            for (int j = 0; j < dim; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        return m;
    }

    @Test
    void shouldRejectMismatchedDimensions() {
        assertThrows(IllegalArgumentException.class, () -> NearestDistances.toReference(new float[][] {{1}}, TRAIN));
        assertThrows(IllegalArgumentException.class, () -> NearestDistances.withinReference(new float[][] {{1}}));
    }
}
