package io.hyperrep.core.zoo;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.data.Permutations;
import java.util.SplittableRandom;

/**
 * Everything random about one zoo model derives from its seed: the initial weights and the data
 * order of each epoch. Derived streams are independent of each other, so the order of epoch 7 can be
 * recomputed on resume without replaying epochs 1-6.
 */
public final class ModelSeeds {

    private ModelSeeds() {}

    /** The initial canonical weights of the model with {@code seed}. */
    public static float[] initialWeights(Architecture arch, Initialization init, long seed) {
        return init.initialize(arch, new SplittableRandom(mix(seed, 0x1217L)));
    }

    /** The order in which the model with {@code seed} visits {@code n} training images in {@code epoch} (1-based). */
    public static int[] epochOrder(long seed, int epoch, int n) {
        return Permutations.shuffled(n, new SplittableRandom(mix(seed, 0xE90C0000L + epoch)));
    }

    private static long mix(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
