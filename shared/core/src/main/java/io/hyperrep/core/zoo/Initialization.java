package io.hyperrep.core.zoo;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.LayerSpec;
import java.util.SplittableRandom;

/**
 * Weight initialisation schemes of the zoo recipes (docs/METHOD.md §1.4, §11), drawn in canonical order
 * from the model's seed so that a model is fully determined by its seed.
 */
public enum Initialization {
    /** The zoo recipes' {@code kaiming_uniform}: a=0, fan_in, U(±sqrt(6/fan_in)); every bias 0.01. */
    KAIMING_UNIFORM,
    /** PyTorch's layer default: kaiming-uniform with a=sqrt(5), i.e. U(±1/sqrt(fan_in)), biases U(±1/sqrt(fan_in)). */
    PYTORCH_DEFAULT,
    /** The MNIST/SVHN recipes' {@code uniform}: U(0,1); every bias 0.01. Does not train on Fashion-MNIST. */
    UNIFORM;

    /** Bias value of the zoo recipes' {@code initialize_weights}. */
    public static final float RECIPE_BIAS = 0.01f;

    /** A fresh canonical parameter vector for {@code arch}. */
    public float[] initialize(Architecture arch, SplittableRandom rnd) {
        float[] w = new float[arch.parameterCount()];
        for (int i = 0; i < arch.layers().size(); i++) {
            LayerSpec l = arch.layers().get(i);
            int wo = arch.weightOffset(i);
            int bo = arch.biasOffset(i);
            double bound =
                    switch (this) {
                        case KAIMING_UNIFORM -> Math.sqrt(6.0 / l.fanIn());
                        case PYTORCH_DEFAULT -> 1.0 / Math.sqrt(l.fanIn());
                        case UNIFORM -> 0;
                    };
            for (int j = 0; j < l.weightCount(); j++) {
                w[wo + j] = this == UNIFORM ? (float) rnd.nextDouble() : (float) ((2 * rnd.nextDouble() - 1) * bound);
            }
            for (int j = 0; j < l.outChannels(); j++) {
                w[bo + j] = this == PYTORCH_DEFAULT ? (float) ((2 * rnd.nextDouble() - 1) * bound) : RECIPE_BIAS;
            }
        }
        return w;
    }

    /** Parses names such as {@code kaiming-uniform} or {@code kaiming_uniform}. */
    public static Initialization parse(String s) {
        String n = s.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (Initialization i : values()) {
            if (i.name().equals(n)) {
                return i;
            }
        }
        throw new IllegalArgumentException(
                "unknown initialization '" + s + "'; known: kaiming-uniform, pytorch-default, uniform");
    }

    /** The lower-case, dash-separated name used in configs. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
