package io.hyperrep.core.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NeighbourhoodSamplerTest {

    @Test
    void shouldFindNearestAnchorsWithTheCentreFirst() {
        float[][] line = {{0}, {1}, {3}, {6}, {10}};
        int[][] hoods = NeighbourhoodSampler.nearestAnchors(line, 3);
        assertArrayEquals(new int[] {0, 1, 2}, hoods[0]);
        assertArrayEquals(new int[] {2, 1, 0}, hoods[2]);
        assertArrayEquals(new int[] {4, 3, 2}, hoods[4]);
    }

    @Test
    void shouldStayWithinTheNeighbourhoodRadiusOfSomeAnchorWithoutNoise() {
        float[][] anchors = SamplerFixtures.anchors(40, 5, 8);
        int k = 4;
        int[][] hoods = NeighbourhoodSampler.nearestAnchors(anchors, k);
        double[] radius = new double[anchors.length];
        for (int c = 0; c < anchors.length; c++) {
            for (int m : hoods[c]) {
                radius[c] = Math.max(radius[c], SamplerFixtures.distance(anchors[c], anchors[m]));
            }
        }
        float[][] z = NeighbourhoodSampler.factory(k, 0).fit(anchors, 0).sample(300, 2);
        for (float[] sample : z) {
            boolean inside = false;
            for (int c = 0; c < anchors.length && !inside; c++) {
                inside = SamplerFixtures.distance(sample, anchors[c]) <= radius[c] + 1e-5;
            }
            assertTrue(inside, "sample " + Arrays.toString(sample) + " is outside every neighbourhood");
        }
    }

    @Test
    void shouldNeverInterpolateBetweenSeparateClusters() {
        float[][] anchors = new float[20][];
        for (int i = 0; i < 20; i++) {
            float base = i < 10 ? 0 : 100;
            anchors[i] = new float[] {base + i % 10 * 0.1f, base - i % 10 * 0.1f};
        }
        float[][] z = NeighbourhoodSampler.factory(10, 0.05).fit(anchors, 0).sample(500, 3);
        int nearFirst = 0;
        for (float[] s : z) {
            boolean first = s[0] > -1 && s[0] < 2 && s[1] > -2 && s[1] < 1;
            boolean second = s[0] > 99 && s[0] < 102 && s[1] > 98 && s[1] < 101;
            assertTrue(first || second, "sample between clusters: " + Arrays.toString(s));
            nearFirst += first ? 1 : 0;
        }
        assertTrue(nearFirst > 180 && nearFirst < 320, "cluster counts: " + nearFirst + " of 500");
    }

    @Test
    void shouldBeDeterministicPerSeedAndClampKToTheAnchorCount() {
        LatentSampler s = NeighbourhoodSampler.factory().fit(SamplerFixtures.anchors(6, 3, 1), 0);
        assertTrue(Arrays.deepEquals(s.sample(10, 4), s.sample(10, 4)));
        assertFalse(Arrays.deepEquals(s.sample(10, 4), s.sample(10, 5)));
        assertEquals(6, s.parameters().get("neighbours"));
        assertEquals("neigh", s.method());
        assertThrows(IllegalArgumentException.class, () -> NeighbourhoodSampler.factory(0, 0));
        assertThrows(IllegalArgumentException.class, () -> NeighbourhoodSampler.factory(3, -1));
    }
}
