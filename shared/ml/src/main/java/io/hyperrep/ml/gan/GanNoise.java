package io.hyperrep.ml.gan;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Generator input drawn in Java from a seeded stream, so noise does not depend on ND4J's generator. */
final class GanNoise {

    private GanNoise() {
    }

    static INDArray standardNormal(int rows, int noiseDim, SplittableRandom rnd) {
        float[] z = new float[rows * noiseDim];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) rnd.nextGaussian();
        }
        return Nd4j.create(z, new long[] {rows, noiseDim}, 'c');
    }
}
