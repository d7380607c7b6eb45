package io.hyperrep.zoo.eval;

/**
 * Novelty of each model of a population against the zoo's training split (docs/METHOD.md §9.1), or of the
 * training checkpoints against each other (the reference distribution). Arrays are owned by the record.
 *
 * @param relativeDistance nearest training L2 distance / median train→train nearest distance, per model
 * @param maxIoU           largest error-set IoU with any training checkpoint, per model (lower = more novel)
 * @param medianRatio      median of {@code relativeDistance}: ≪ 1 means near-copies
 * @param withinRatio      diversity: median over models of the L2 distance to the nearest <em>other member</em>,
 *                         relative to the same train→train median (≪ 1: the population is copies of itself,
 *                         e.g. a generator that collapsed; NaN below two members)
 * @param withinMaxIoU     diversity: median over models of the largest error-set IoU with another member
 */
public record NoveltyScores(
        double[] relativeDistance, double[] maxIoU, double medianRatio, double withinRatio, double withinMaxIoU) {

    public NoveltyScores {
        if (relativeDistance.length != maxIoU.length) {
            throw new IllegalArgumentException(
                    relativeDistance.length + " distances but " + maxIoU.length + " IoU values");
        }
    }

    /** Mean of {@code relativeDistance}: unlike the median, it moves when a minority of models are near-copies. */
    public double meanRatio() {
        return java.util.Arrays.stream(relativeDistance).average().orElse(Double.NaN);
    }

    /** Mean of {@code maxIoU}. */
    public double meanMaxIoU() {
        return java.util.Arrays.stream(maxIoU).average().orElse(Double.NaN);
    }

    /** Median of {@code maxIoU}. */
    public double medianMaxIoU() {
        if (maxIoU.length == 0) {
            return Double.NaN;
        }
        double[] s = maxIoU.clone();
        java.util.Arrays.sort(s);
        return io.hyperrep.core.stats.Quantiles.linear(s, 0.5);
    }
}
