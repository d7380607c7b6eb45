package io.hyperrep.zoo.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Novelty and diversity of populations against a constructed training split with known distances and error sets. */
class NoveltyReferenceTest {

    // three training models on a line: nearest other-model distances 1, 1, 2 -> median 1
    static final float[][] TRAINING = {{0, 0}, {1, 0}, {3, 0}};
    static final byte[] LABELS = {0, 0, 0, 0};
    static final byte[][] TRAINING_PREDICTIONS = {{1, 0, 0, 0}, {1, 1, 0, 0}, {0, 0, 1, 1}};

    static NoveltyReference reference() {
        return new NoveltyReference(TRAINING, new int[] {0, 1, 2}, TRAINING_PREDICTIONS, LABELS);
    }

    @Test
    void shouldScoreAPopulationOfCopiesAsNovelButNotDiverse() {
        float[][] copies = {{10, 0}, {10, 0}, {10, 0}};
        byte[][] same = {{0, 1, 1, 0}, {0, 1, 1, 0}, {0, 1, 1, 0}};
        NoveltyScores s = reference().score(copies, same);
        assertEquals(7.0, s.medianRatio(), 1e-9); // 7 away from (3, 0), relative to the median 1
        assertEquals(0.0, s.withinRatio(), 1e-9); // every member has an identical twin
        assertEquals(1.0, s.withinMaxIoU(), 1e-9); // and makes the same mistakes
        // error set {1, 2} vs training {0}, {0, 1}, {2, 3}: best IoU 1/3
        assertEquals(1.0 / 3, s.maxIoU()[0], 1e-6);
    }

    @Test
    void shouldMeasureDiversityAgainstTheOtherMembers() {
        float[][] spread = {{0, 4}, {0, 6}, {0, 9}};
        byte[][] predictions = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}};
        NoveltyScores s = reference().score(spread, predictions);
        // nearest other member: 2, 2, 3 -> median 2, relative to the train->train median 1
        assertEquals(2.0, s.withinRatio(), 1e-9);
        // disjoint single mistakes: IoU 0 with every other member
        assertEquals(0.0, s.withinMaxIoU(), 1e-9);
    }

    @Test
    void shouldLeaveDiversityUndefinedForASingleModel() {
        NoveltyScores s = reference().score(new float[][] {{0, 1}}, new byte[][] {{0, 0, 0, 1}});
        assertTrue(Double.isNaN(s.withinRatio()));
        assertTrue(Double.isNaN(s.withinMaxIoU()));
        assertEquals(1.0, s.medianRatio(), 1e-9);
    }

    @Test
    void shouldDescribeTheTrainingSplitAgainstItself() {
        NoveltyScores t = reference().training();
        assertEquals(1.0, t.medianRatio(), 1e-9);
        assertEquals(t.medianRatio(), t.withinRatio(), 1e-12);
    }
}
