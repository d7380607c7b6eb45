package io.hyperrep.ml.cnn;

/**
 * Per-model results of evaluating a population on one image set.
 *
 * @param accuracy    fraction of correctly classified images, per model
 * @param loss        mean cross-entropy, per model
 * @param predictions predicted class per model and image ([model][image]), or null when not kept
 */
public record Evaluation(double[] accuracy, double[] loss, byte[][] predictions) {
}
