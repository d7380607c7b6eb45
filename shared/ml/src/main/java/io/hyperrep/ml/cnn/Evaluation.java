package io.hyperrep.ml.cnn;

/**
 * Per-model results of evaluating a population on one image set.
 *
 * @param accuracy      fraction of correctly classified images, per model
 * @param loss          mean cross-entropy, per model
 * @param predictions   predicted class per model and image ([model][image]), or null when not kept
 * @param probabilities softmax outputs per model, image-major ([model][image * classes + class]), or null
 *                      when not kept; what ensembles average
 */
public record Evaluation(double[] accuracy, double[] loss, byte[][] predictions, float[][] probabilities) {

    /** Results without probabilities. */
    public Evaluation(double[] accuracy, double[] loss, byte[][] predictions) {
        this(accuracy, loss, predictions, null);
    }
}
