package io.hyperrep.core.novelty;

import java.util.Arrays;

/**
 * Rejects samples that are near-copies of training checkpoints: a sample passes when its nearest
 * training distance relative to the median training→training distance
 * ({@link DistanceNovelty#relative()}) is at least {@code minRelativeDistance}.
 */
public record NoveltyGate(double minRelativeDistance) {

    /** Indices of kept and rejected samples, ascending. */
    public record Decision(int[] kept, int[] rejected) {

        public int keptCount() {
            return kept.length;
        }

        public int rejectedCount() {
            return rejected.length;
        }
    }

    public NoveltyGate {
        if (!(minRelativeDistance >= 0 && Double.isFinite(minRelativeDistance))) {
            throw new IllegalArgumentException("novelty threshold must be finite and >= 0, got " + minRelativeDistance);
        }
    }

    public Decision apply(DistanceNovelty novelty) {
        return apply(novelty.relative());
    }

    public Decision apply(double[] relativeDistances) {
        int[] kept = new int[relativeDistances.length];
        int[] rejected = new int[relativeDistances.length];
        int k = 0;
        int r = 0;
        for (int i = 0; i < relativeDistances.length; i++) {
            double d = relativeDistances[i];
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(
                        "relative distance of sample " + i + " must be finite and >= 0, got " + d);
            }
            if (d >= minRelativeDistance) {
                kept[k++] = i;
            } else {
                rejected[r++] = i;
            }
        }
        return new Decision(Arrays.copyOf(kept, k), Arrays.copyOf(rejected, r));
    }
}
