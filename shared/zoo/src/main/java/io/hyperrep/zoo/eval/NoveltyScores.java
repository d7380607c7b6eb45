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
public record NoveltyScores(double[] relativeDistance, double[] maxIoU, double medianRatio, double withinRatio, double withinMaxIoU) {

    public NoveltyScores {
        if (relativeDistance.length != maxIoU.length) {
            throw new IllegalArgumentException(relativeDistance.length + " distances but " + maxIoU.length + " IoU values");
        }
    }
}
