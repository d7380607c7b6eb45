package io.hyperrep.zoo.eval;

/**
 * What a sample population has to reach, in one place (the report's "Targets" section).
 *
 * @param anchorFraction       epoch-0 mean accuracy at least this fraction of the anchors' mean
 * @param minMeanDistanceRatio mean nearest-distance ratio at least this (1 = as far as training models are from each other)
 * @param alpha                family-wise level of the Holm-adjusted comparisons with B_T and B_F
 *
 * The other two targets have no number to set: the mean max error IoU must not exceed the zoo's own
 * train→train mean, and the population must lie strictly beyond the noise curve on both novelty axes.
 */
public record EvaluationTargets(double anchorFraction, double minMeanDistanceRatio, double alpha) {

    public EvaluationTargets {
        if (!(anchorFraction > 0 && anchorFraction <= 1)) {
            throw new IllegalArgumentException("anchor fraction must be in (0, 1], got " + anchorFraction);
        }
        if (!(minMeanDistanceRatio >= 0)) {
            throw new IllegalArgumentException("distance ratio target must be >= 0, got " + minMeanDistanceRatio);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
    }

    /** 90 % of the anchors' accuracy, distance ratio 0.8, α = 0.05. */
    public static EvaluationTargets defaults() {
        return new EvaluationTargets(0.90, 0.8, 0.05);
    }
}
