package io.hyperrep.ml.cnn;

import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.data.Normalization;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One epoch of training batches for a population in {@link GraphMode#GROUPED} layout [B, K*C, H, W]:
 * at step s, model m gets images {@code order[m][s*B .. s*B+B)}. Incomplete final batches are dropped.
 */
final class PopulationBatches implements MultiDataSetIterator {

    private static final long serialVersionUID = 1L;

    private final transient ImageSet data;
    private final int[][] orders;
    private final int batch;
    private final int steps;
    private final int classes;
    private final float[] table;
    private int step;

    PopulationBatches(ImageSet data, Normalization norm, int[][] orders, int batch, int classes, int maxSteps) {
        this.data = data;
        this.orders = orders;
        this.batch = batch;
        this.classes = classes;
        this.steps = Math.min(maxSteps, orders[0].length / batch);
        this.table = norm.table();
    }

    int steps() {
        return steps;
    }

    @Override
    public boolean hasNext() {
        return step < steps;
    }

    @Override
    public MultiDataSet next() {
        int k = orders.length;
        int size = data.imageSize();
        int c = data.channels();
        float[] x = new float[batch * k * size];
        float[] y = new float[k * batch * classes];
        byte[] px = data.pixels();
        for (int m = 0; m < k; m++) {
            for (int b = 0; b < batch; b++) {
                int img = orders[m][step * batch + b];
                int src = img * size;
                // x[b, m*C + ch, :, :]
                int dst = (b * k + m) * size;
                for (int j = 0; j < size; j++) {
                    x[dst + j] = table[px[src + j] & 0xff];
                }
                y[(m * batch + b) * classes + data.label(img)] = 1f;
            }
        }
        step++;
        INDArray xs = Nd4j.create(x, new long[] {batch, (long) k * c, data.height(), data.width()}, 'c');
        INDArray ys = Nd4j.create(y, new long[] {k, batch, classes}, 'c');
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {xs}, new INDArray[] {ys});
    }

    @Override
    public MultiDataSet next(int num) {
        return next();
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("no preprocessing: batches are normalised on creation");
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
        return null;
    }

    @Override
    public boolean resetSupported() {
        return false;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("an epoch's batches are used once");
    }
}
