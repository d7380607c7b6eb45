package io.hyperrep.ml.gan;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Generator input and training batches drawn in Java from a seeded stream, so they do not depend on ND4J's generator. */
final class GanNoise {

    private GanNoise() {}

    static float[] standardNormal(int rows, int noiseDim, SplittableRandom rnd) {
        float[] z = new float[rows * noiseDim];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) rnd.nextGaussian();
        }
        return z;
    }

    static INDArray standardNormalMatrix(int rows, int noiseDim, SplittableRandom rnd) {
        return Nd4j.create(standardNormal(rows, noiseDim, rnd), new long[] {rows, noiseDim}, 'c');
    }

    /** {@code batchSize} of {@code rows} drawn with replacement, concatenated row after row. */
    static float[] rowsWithReplacement(float[][] rows, int batchSize, SplittableRandom rnd) {
        int dim = rows[0].length;
        float[] b = new float[batchSize * dim];
        for (int i = 0; i < batchSize; i++) {
            System.arraycopy(rows[rnd.nextInt(rows.length)], 0, b, i * dim, dim);
        }
        return b;
    }
}
