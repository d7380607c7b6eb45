package io.hyperrep.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @Test
    void shouldSplitIntoDisjointSeededParts() {
        int[][] a = Datasets.splitIndices(1000, 100, 42);
        int[][] b = Datasets.splitIndices(1000, 100, 42);
        assertEquals(900, a[0].length);
        assertEquals(100, a[1].length);
        assertArrayEquals(a[1], b[1]);
        Set<Integer> all = new HashSet<>();
        Arrays.stream(a[0]).forEach(all::add);
        Arrays.stream(a[1]).forEach(all::add);
        assertEquals(1000, all.size());
        assertTrue(!Arrays.equals(a[1], Datasets.splitIndices(1000, 100, 7)[1]));
    }

    @Test
    void shouldSayHowToInstallWhenTheDatasetIsMissing(@TempDir Path tmp) {
        DatasetException e =
                assertThrows(DatasetException.class, () -> Datasets.load("fashion-mnist", tmp.resolve("none")));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        DatasetException f = assertThrows(DatasetException.class, () -> Datasets.load("fashion-mnist", tmp));
        assertTrue(f.getMessage().contains("lacks train-images-idx3-ubyte.gz"), f.getMessage());
        assertTrue(assertThrows(DatasetException.class, () -> Datasets.load("cifar", tmp))
                .getMessage()
                .contains("unknown dataset"));
    }

    @Test
    void shouldRotateCounterClockwise() {
        // 2x2 image [[1,2],[3,4]] rotated 90 degrees counter-clockwise is [[2,4],[1,3]]
        ImageSet s = new ImageSet(1, 1, 2, 2, new byte[] {1, 2, 3, 4}, new byte[] {0});
        assertArrayEquals(new byte[] {2, 4, 1, 3}, Datasets.rotate90(s).pixels());
    }

    @Test
    void shouldNormalizeWithMeanAndStd() {
        Normalization n = new Normalization(0.5, 0.25);
        assertEquals(2.0f, n.apply((byte) 255), 1e-6);
        assertEquals(-2.0f, n.apply((byte) 0), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new Normalization(0, 0));
    }
}
