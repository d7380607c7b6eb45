package io.hyperrep.core.novelty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorSetIoUTest {

    private static final int[] LABELS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    /** Predictions that are wrong exactly at {@code wrong}. */
    private static ErrorSet wrongAt(int... wrong) {
        int[] predicted = LABELS.clone();
        for (int i : wrong) {
            predicted[i] = (LABELS[i] + 1) % 10;
        }
        return ErrorSet.of(predicted, LABELS);
    }

    @Test
    void shouldCollectMisclassifiedIndices() {
        ErrorSet e = wrongAt(1, 2, 3);
        assertEquals(3, e.size());
        assertTrue(e.contains(2));
        assertTrue(!e.contains(0));
    }

    @Test
    void shouldComputeIntersectionOverUnion() {
        assertEquals(2.0 / 5, wrongAt(1, 2, 3).iou(wrongAt(2, 3, 4, 5)), 1e-15);
        assertEquals(1.0, wrongAt(7).iou(wrongAt(7)), 1e-15);
        assertEquals(0.0, wrongAt(1).iou(wrongAt(2)), 1e-15);
        assertEquals(0.0, wrongAt().iou(wrongAt()), 1e-15);
    }

    @Test
    void shouldFindTheMostSimilarTrainingModel() {
        List<ErrorSet> training = List.of(wrongAt(0, 1), wrongAt(2, 3, 4, 5), wrongAt(1, 2, 3, 6));
        ErrorSetIoU.Match m = ErrorSetIoU.maxAgainst(wrongAt(1, 2, 3), training);
        assertEquals(2, m.index());
        assertEquals(3.0 / 4, m.iou(), 1e-15);
        ErrorSetIoU.Match[] all = ErrorSetIoU.maxAgainst(List.of(wrongAt(0), wrongAt(8)), training);
        assertEquals(new ErrorSetIoU.Match(0, 0.5), all[0]);
        assertEquals(0.0, all[1].iou());
    }

    @Test
    void shouldSkipSelfAndSameGroupWithinTraining() {
        List<ErrorSet> training = List.of(wrongAt(1, 2), wrongAt(1, 2), wrongAt(1, 3), wrongAt(7));
        ErrorSetIoU.Match[] m = ErrorSetIoU.maxWithin(training, new int[] {0, 0, 1, 2});
        assertEquals(new ErrorSetIoU.Match(2, 1.0 / 3), m[0]);
        assertEquals(new ErrorSetIoU.Match(2, 1.0 / 3), m[1]);
        assertEquals(new ErrorSetIoU.Match(0, 1.0 / 3), m[2]);
        assertEquals(0.0, m[3].iou());
    }

    @Test
    void shouldRejectMismatchedInputs() {
        assertThrows(IllegalArgumentException.class, () -> ErrorSet.of(new int[3], new int[4]));
        ErrorSet shortSet = ErrorSet.of(new int[3], new int[3]);
        assertThrows(IllegalArgumentException.class, () -> shortSet.iou(wrongAt(1)));
        assertThrows(IllegalArgumentException.class, () -> ErrorSetIoU.maxAgainst(wrongAt(1), List.of()));
    }
}
