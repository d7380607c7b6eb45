package io.hyperrep.core.novelty;

import java.util.BitSet;

/** The test examples a model misclassifies (docs/METHOD.md §9.1.2), as a set of indices into the test set. */
public final class ErrorSet {

    private final BitSet errors;
    private final int testSize;

    private ErrorSet(BitSet errors, int testSize) {
        this.errors = errors;
        this.testSize = testSize;
    }

    /** Indices i with {@code predicted[i] != labels[i]}. */
    public static ErrorSet of(int[] predicted, int[] labels) {
        if (predicted == null || labels == null || predicted.length != labels.length) {
            throw new IllegalArgumentException(
                    "need one prediction per test label: " + (predicted == null ? 0 : predicted.length)
                            + " predictions, " + (labels == null ? 0 : labels.length) + " labels");
        }
        BitSet errors = new BitSet(labels.length);
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] != labels[i]) {
                errors.set(i);
            }
        }
        return new ErrorSet(errors, labels.length);
    }

    /** Number of misclassified examples. */
    public int size() {
        return errors.cardinality();
    }

    /** Number of test examples. */
    public int testSize() {
        return testSize;
    }

    public boolean contains(int index) {
        return errors.get(index);
    }

    /**
     * |A ∩ B| / |A ∪ B|; 0 when both sets are empty (the study divides by |A ∪ B| + 1e-8, which differs
     * from this by at most 1e-8 relative).
     */
    public double iou(ErrorSet other) {
        if (other.testSize != testSize) {
            throw new IllegalArgumentException(
                    "error sets are over different test sets: " + testSize + " vs " + other.testSize + " examples");
        }
        BitSet intersection = (BitSet) errors.clone();
        intersection.and(other.errors);
        BitSet union = (BitSet) errors.clone();
        union.or(other.errors);
        int u = union.cardinality();
        return u == 0 ? 0 : (double) intersection.cardinality() / u;
    }
}
