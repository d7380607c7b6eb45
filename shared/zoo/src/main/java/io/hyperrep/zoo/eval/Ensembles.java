package io.hyperrep.zoo.eval;

import io.hyperrep.core.data.Permutations;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Ensembles that average their members' softmax outputs and predict the arg-max class. A population
 * of n models yields floor(n/k) disjoint ensembles of size k (members drawn by a seeded shuffle), so the
 * ensembles of one size are independent samples of "an ensemble of k such models".
 */
public final class Ensembles {

    /** Accuracies of the disjoint ensembles of size {@code k} (none when the population is smaller). */
    public record Result(int k, double[] accuracies) {

        /** Whether at least one ensemble of this size could be formed. */
        public boolean available() {
            return accuracies.length > 0;
        }
    }

    private Ensembles() {}

    /**
     * Accuracy of the ensemble of {@code members}.
     *
     * @param probabilities softmax outputs per model, image-major ([model][image * classes + class])
     */
    public static double accuracy(float[][] probabilities, int[] members, byte[] labels, int classes) {
        if (members.length == 0) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        int images = labels.length;
        for (int m : members) {
            if (probabilities[m].length != images * classes) {
                throw new IllegalArgumentException("model " + m + " has " + probabilities[m].length
                        + " outputs, expected " + images + " images x " + classes + " classes");
            }
        }
        double[] avg = new double[classes];
        int correct = 0;
        for (int i = 0; i < images; i++) {
            Arrays.fill(avg, 0);
            for (int m : members) {
                float[] p = probabilities[m];
                for (int c = 0; c < classes; c++) {
                    avg[c] += p[i * classes + c];
                }
            }
            int arg = 0;
            for (int c = 1; c < classes; c++) {
                if (avg[c] > avg[arg]) {
                    arg = c;
                }
            }
            if (arg == labels[i]) {
                correct++;
            }
        }
        return correct / (double) images;
    }

    /** The floor(n/k) disjoint ensembles of size {@code k} of a seeded shuffle of the n models. */
    public static Result disjoint(float[][] probabilities, int k, byte[] labels, int classes, long seed) {
        if (k <= 0) {
            throw new IllegalArgumentException("ensemble size must be positive, got " + k);
        }
        int n = probabilities.length;
        int[] order = Permutations.shuffled(n, new SplittableRandom(seed + k));
        double[] acc = new double[n / k];
        for (int e = 0; e < acc.length; e++) {
            acc[e] = accuracy(probabilities, Arrays.copyOfRange(order, e * k, (e + 1) * k), labels, classes);
        }
        return new Result(k, acc);
    }
}
