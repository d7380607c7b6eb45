package io.hyperrep.zoo.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EnsemblesTest {

    // Three images of two classes, labels 0, 1, 1; [model][image * 2 + class].
    static final byte[] LABELS = {0, 1, 1};
    static final float[][] PROBS = {
        {0.9f, 0.1f, 0.4f, 0.6f, 0.45f, 0.55f}, // right, right, right
        {0.2f, 0.8f, 0.3f, 0.7f, 0.1f, 0.9f}, // wrong, right, right
        {0.6f, 0.4f, 0.9f, 0.1f, 0.2f, 0.8f}, // right, wrong, right
        {0.75f, 0.25f, 0.2f, 0.8f, 0.95f, 0.05f}, // right, right, wrong
    };

    @Test
    void shouldPredictTheArgmaxOfTheAveragedSoftmax() {
        assertEquals(1.0, Ensembles.accuracy(PROBS, new int[] {0}, LABELS, 2));
        assertEquals(2 / 3.0, Ensembles.accuracy(PROBS, new int[] {1}, LABELS, 2), 1e-12);
        // Models 1..3 are each wrong once, each on another image; averaged, every image is right.
        assertEquals(1.0, Ensembles.accuracy(PROBS, new int[] {1, 2, 3}, LABELS, 2), 1e-12);
        // Models 1 and 2 disagree on images 0 and 1: averages (0.4, 0.6) wrong, (0.6, 0.4) wrong, image 2 right.
        assertEquals(1 / 3.0, Ensembles.accuracy(PROBS, new int[] {1, 2}, LABELS, 2), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Ensembles.accuracy(PROBS, new int[] {}, LABELS, 2));
        assertThrows(IllegalArgumentException.class, () -> Ensembles.accuracy(PROBS, new int[] {0}, LABELS, 3));
    }

    @Test
    void shouldFormDisjointEnsemblesOfASeededShuffle() {
        Ensembles.Result ones = Ensembles.disjoint(PROBS, 1, LABELS, 2, 42);
        double[] sorted = ones.accuracies().clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(new double[] {2 / 3.0, 2 / 3.0, 2 / 3.0, 1.0}, sorted, 1e-12, "k = 1: each model alone");
        assertEquals(2, Ensembles.disjoint(PROBS, 2, LABELS, 2, 42).accuracies().length);
        assertEquals(1, Ensembles.disjoint(PROBS, 3, LABELS, 2, 42).accuracies().length);
        assertFalse(Ensembles.disjoint(PROBS, 5, LABELS, 2, 42).available(), "4 models make no ensemble of 5");
        assertArrayEquals(
                Ensembles.disjoint(PROBS, 2, LABELS, 2, 9).accuracies(),
                Ensembles.disjoint(PROBS, 2, LABELS, 2, 9).accuracies());
    }
}
