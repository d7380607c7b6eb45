package io.hyperrep.core.novelty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NoveltyGateTest {

    @Test
    void shouldRejectSamplesCloserThanTheThreshold() {
        NoveltyGate.Decision d = new NoveltyGate(0.4).apply(new double[] {0, 0.5, 1.2, 0.3, 0.4});
        assertArrayEquals(new int[] {1, 2, 4}, d.kept());
        assertArrayEquals(new int[] {0, 3}, d.rejected());
        assertEquals(3, d.keptCount());
        assertEquals(2, d.rejectedCount());
    }

    @Test
    void shouldGateADistanceNoveltyResult() {
        DistanceNovelty n = DistanceNovelty.of(new float[][] {{0}, {1}, {13}}, new float[][] {{0}, {2}, {4}, {10}});
        assertArrayEquals(new int[] {0}, new NoveltyGate(0.25).apply(n).rejected());
    }

    @Test
    void shouldRejectBadThresholdsAndDistances() {
        assertThrows(IllegalArgumentException.class, () -> new NoveltyGate(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new NoveltyGate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new NoveltyGate(0.1).apply(new double[] {Double.NaN}));
    }
}
