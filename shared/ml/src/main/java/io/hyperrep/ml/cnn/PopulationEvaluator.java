package io.hyperrep.ml.cnn;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.data.Normalization;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward passes of many models over the same images in one graph ({@link GraphMode#SHARED}).
 * Graphs are cached per population size, so evaluating the same number of models again only loads
 * new weights.
 */
public final class PopulationEvaluator {

    /** Images*models per forward batch: bounds the first layer's output (~8 floats*576 px each, ~180 MB). */
    private static final int IMAGE_MODEL_BUDGET = 10_000;

    private final Architecture arch;
    private final Activation activation;
    private final Map<Integer, SameDiff> graphs = new HashMap<>();

    public PopulationEvaluator(Architecture arch, Activation activation) {
        this.arch = arch;
        this.activation = activation;
    }

    /** Accuracy and loss of every model in {@code weights} on {@code data}. */
    public Evaluation evaluate(float[][] weights, ImageSet data, Normalization norm) {
        return evaluate(weights, data, norm, false);
    }

    /** As {@link #evaluate(float[][], ImageSet, Normalization)}, optionally keeping every prediction. */
    public Evaluation evaluate(float[][] weights, ImageSet data, Normalization norm, boolean keepPredictions) {
        return evaluate(weights, data, norm, keepPredictions, false);
    }

    /**
     * As {@link #evaluate(float[][], ImageSet, Normalization, boolean)}, optionally keeping every model's
     * softmax output too ({@code models * images * classes} floats: 400 kB per model on 10k images).
     */
    public Evaluation evaluate(
            float[][] weights, ImageSet data, Normalization norm, boolean keepPredictions, boolean keepProbabilities) {
        arch.requireFits(data);
        int k = weights.length;
        SameDiff sd = graphs.computeIfAbsent(
                k, n -> PopulationCnnGraph.build(arch, activation, n, GraphMode.SHARED, 0, false));
        PopulationWeights.load(sd, arch, weights);
        int classes = arch.classes();
        int batch = Math.max(50, Math.min(1000, IMAGE_MODEL_BUDGET / k));
        float[] table = norm.table();
        int size = data.imageSize();
        long[] correct = new long[k];
        double[] lossSum = new double[k];
        byte[][] preds = keepPredictions ? new byte[k][data.count()] : null;
        float[][] probs = keepProbabilities ? new float[k][data.count() * classes] : null;
        byte[] px = data.pixels();
        for (int start = 0; start < data.count(); start += batch) {
            int b = Math.min(batch, data.count() - start);
            float[] x = new float[b * size];
            for (int j = 0; j < b * size; j++) {
                x[j] = table[px[start * size + j] & 0xff];
            }
            INDArray in = Nd4j.create(x, new long[] {b, arch.channels(), arch.height(), arch.width()}, 'c');
            float[] logits = sd.outputSingle(Map.of(PopulationCnnGraph.INPUT, in), PopulationCnnGraph.LOGITS)
                    .dup('c')
                    .data()
                    .asFloat();
            for (int m = 0; m < k; m++) {
                for (int i = 0; i < b; i++) {
                    int off = (m * b + i) * classes;
                    int label = data.label(start + i);
                    int arg = 0;
                    float max = logits[off];
                    for (int c = 1; c < classes; c++) {
                        if (logits[off + c] > max) {
                            max = logits[off + c];
                            arg = c;
                        }
                    }
                    double z = 0;
                    for (int c = 0; c < classes; c++) {
                        z += Math.exp(logits[off + c] - max);
                    }
                    lossSum[m] += Math.log(z) - (logits[off + label] - max);
                    if (probs != null) {
                        int to = (start + i) * classes;
                        for (int c = 0; c < classes; c++) {
                            probs[m][to + c] = (float) (Math.exp(logits[off + c] - max) / z);
                        }
                    }
                    if (arg == label) {
                        correct[m]++;
                    }
                    if (preds != null) {
                        preds[m][start + i] = (byte) arg;
                    }
                }
            }
        }
        double[] acc = new double[k];
        double[] loss = new double[k];
        for (int m = 0; m < k; m++) {
            acc[m] = correct[m] / (double) data.count();
            loss[m] = lossSum[m] / data.count();
        }
        return new Evaluation(acc, loss, preds, probs);
    }
}
