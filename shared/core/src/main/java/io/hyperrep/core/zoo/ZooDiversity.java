package io.hyperrep.core.zoo;

import io.hyperrep.core.novelty.ErrorSet;
import java.util.List;

/**
 * How different the models of a zoo are from each other, in weights and in what they compute, averaged
 * over every pair of models: what a zoo offers a generative model to learn (a zoo of near-copies is easy
 * to reconstruct and useless to sample from).
 *
 * @param models               models compared
 * @param meanPairwiseDistance mean L2 distance between two models' weight vectors
 * @param meanNorm             mean L2 norm of a model's weight vector (the scale of the distance)
 * @param meanDistanceToMean   mean L2 distance of a model from the zoo's per-parameter mean
 * @param meanDisagreement     mean share of test images on which two models predict different classes
 * @param meanErrorSetIoU      mean intersection-over-union of two models' sets of misclassified test images
 */
public record ZooDiversity(
        int models,
        double meanPairwiseDistance,
        double meanNorm,
        double meanDistanceToMean,
        double meanDisagreement,
        double meanErrorSetIoU) {

    /**
     * @param weights     one weight vector per model (same length)
     * @param predictions the class each model predicts for each test image
     * @param labels      the test images' labels
     */
    public static ZooDiversity of(float[][] weights, List<int[]> predictions, int[] labels) {
        int n = weights.length;
        if (n < 2) {
            throw new IllegalArgumentException("diversity needs at least 2 models, got " + n);
        }
        if (predictions.size() != n) {
            throw new IllegalArgumentException(n + " weight vectors but " + predictions.size() + " prediction arrays");
        }
        int p = weights[0].length;
        double[] mean = new double[p];
        double norms = 0;
        for (float[] w : weights) {
            if (w.length != p) {
                throw new IllegalArgumentException("weight vectors differ in length: " + p + " and " + w.length);
            }
            double sq = 0;
            for (int i = 0; i < p; i++) {
                mean[i] += w[i] / (double) n;
                sq += w[i] * (double) w[i];
            }
            norms += Math.sqrt(sq);
        }
        double toMean = 0;
        for (float[] w : weights) {
            double sq = 0;
            for (int i = 0; i < p; i++) {
                double d = w[i] - mean[i];
                sq += d * d;
            }
            toMean += Math.sqrt(sq);
        }
        ErrorSet[] errors = new ErrorSet[n];
        for (int m = 0; m < n; m++) {
            errors[m] = ErrorSet.of(predictions.get(m), labels);
        }
        double distance = 0;
        double disagreement = 0;
        double iou = 0;
        long pairs = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double sq = 0;
                for (int i = 0; i < p; i++) {
                    double d = weights[a][i] - weights[b][i];
                    sq += d * d;
                }
                distance += Math.sqrt(sq);
                int[] pa = predictions.get(a);
                int[] pb = predictions.get(b);
                int differ = 0;
                for (int i = 0; i < pa.length; i++) {
                    differ += pa[i] != pb[i] ? 1 : 0;
                }
                disagreement += differ / (double) pa.length;
                iou += errors[a].iou(errors[b]);
                pairs++;
            }
        }
        return new ZooDiversity(n, distance / pairs, norms / n, toMean / n, disagreement / pairs, iou / pairs);
    }
}
