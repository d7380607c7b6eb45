package io.hyperrep.core.novelty;

import io.hyperrep.core.stats.Summary;

/**
 * How far generated weight vectors lie from the training checkpoints, measured against how far
 * training checkpoints lie from each other (docs/METHOD.md §9.1.1). {@code relative[g] = d(g) / median_t d(t)}
 * where d(g) is g's nearest training distance and d(t) a training vector's nearest other training
 * vector; {@code medianRatio = median_g d(g) / median_t d(t)} is the project's summary: ratio ≪ 1 means
 * samples sit closer to training models than training models sit to each other (near-copies).
 * Arrays are owned by the record; do not modify them.
 *
 * @param sampleDistances   d(g) per sample
 * @param nearestTraining   index of each sample's nearest training vector
 * @param trainingDistances d(t) per training vector
 * @param relative          d(g) / median d(t) per sample
 */
public record DistanceNovelty(
        double[] sampleDistances,
        int[] nearestTraining,
        double[] trainingDistances,
        double[] relative,
        Summary samples,
        Summary training,
        double medianRatio) {

    /** Training neighbours may be any other training vector; use one checkpoint per model (docs/METHOD.md §9.1). */
    public static DistanceNovelty of(float[][] samples, float[][] training) {
        return from(NearestDistances.toReference(samples, training), NearestDistances.withinReference(training));
    }

    /** Training neighbours must come from another group ({@code trainingGroups[t]}, e.g. the model id). */
    public static DistanceNovelty of(float[][] samples, float[][] training, int[] trainingGroups) {
        return from(
                NearestDistances.toReference(samples, training),
                NearestDistances.withinReference(training, trainingGroups));
    }

    private static DistanceNovelty from(
            NearestDistances.Nearest[] toTraining, NearestDistances.Nearest[] withinTraining) {
        if (toTraining.length == 0) {
            throw new IllegalArgumentException("novelty needs at least one sample");
        }
        double[] sampleDistances = new double[toTraining.length];
        int[] nearest = new int[toTraining.length];
        for (int g = 0; g < toTraining.length; g++) {
            sampleDistances[g] = toTraining[g].distance();
            nearest[g] = toTraining[g].index();
        }
        double[] trainingDistances = new double[withinTraining.length];
        for (int t = 0; t < withinTraining.length; t++) {
            trainingDistances[t] = withinTraining[t].distance();
        }
        Summary training = Summary.of(trainingDistances);
        if (training.median() == 0) {
            throw new IllegalArgumentException(
                    "median nearest distance between training vectors is 0 (duplicated checkpoints?); "
                            + "relative novelty is undefined");
        }
        double[] relative = new double[sampleDistances.length];
        for (int g = 0; g < relative.length; g++) {
            relative[g] = sampleDistances[g] / training.median();
        }
        Summary samples = Summary.of(sampleDistances);
        return new DistanceNovelty(
                sampleDistances,
                nearest,
                trainingDistances,
                relative,
                samples,
                training,
                samples.median() / training.median());
    }
}
