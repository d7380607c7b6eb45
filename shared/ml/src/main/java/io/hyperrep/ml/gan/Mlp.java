package io.hyperrep.ml.gan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shape and parameter names of one of the GAN's two MLPs: {@code sizes[0]} inputs, hidden layers,
 * {@code sizes[last]} linear outputs. Weights are {@code [in, out]} ({@code x W + b}).
 */
record Mlp(String prefix, int[] sizes) {

    Mlp {
        if (sizes.length < 2) {
            throw new IllegalArgumentException(prefix + ": an MLP needs at least input and output sizes");
        }
        sizes = sizes.clone();
    }

    /** Generator: noise, hidden layers, data dimension. */
    static Mlp generator(GanConfig cfg, int dataDim) {
        return new Mlp("g", sizes(cfg.noiseDim(), cfg, dataDim));
    }

    /** Discriminator: {@code pack} rows of the data dimension side by side, hidden layers, one logit. */
    static Mlp discriminator(GanConfig cfg, int dataDim) {
        return new Mlp("d", sizes(cfg.pack() * dataDim, cfg, 1));
    }

    private static int[] sizes(int in, GanConfig cfg, int out) {
        int[] s = new int[cfg.hiddenLayers() + 2];
        s[0] = in;
        for (int i = 1; i <= cfg.hiddenLayers(); i++) {
            s[i] = cfg.hiddenWidth();
        }
        s[s.length - 1] = out;
        return s;
    }

    int layers() {
        return sizes.length - 1;
    }

    int inputs() {
        return sizes[0];
    }

    int outputs() {
        return sizes[sizes.length - 1];
    }

    String weightName(int layer) {
        return prefix + "_w" + layer;
    }

    String biasName(int layer) {
        return prefix + "_b" + layer;
    }

    long[] weightShape(int layer) {
        return new long[] {sizes[layer], sizes[layer + 1]};
    }

    long[] biasShape(int layer) {
        return new long[] {sizes[layer + 1]};
    }

    /** All parameter names, in a fixed order (weights and biases layer by layer). */
    List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (int l = 0; l < layers(); l++) {
            names.add(weightName(l));
            names.add(biasName(l));
        }
        return names;
    }

    /**
     * Fresh parameters with PyTorch's default Linear init, U(+-1/sqrt(fan_in)) for weights and biases,
     * drawn from {@code rnd} (not ND4J's generator, so that the seed alone fixes them).
     */
    Map<String, INDArray> initialParameters(SplittableRandom rnd) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        for (int l = 0; l < layers(); l++) {
            double bound = 1 / Math.sqrt(sizes[l]);
            p.put(weightName(l), uniform(rnd, bound, weightShape(l)));
            p.put(biasName(l), uniform(rnd, bound, biasShape(l)));
        }
        return p;
    }

    private static INDArray uniform(SplittableRandom rnd, double bound, long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextDouble(-bound, bound);
        }
        return Nd4j.create(v, shape, 'c');
    }
}
