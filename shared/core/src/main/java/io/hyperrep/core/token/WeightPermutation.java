package io.hyperrep.core.token;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.LayerSpec;
import io.hyperrep.core.data.Permutations;
import java.util.SplittableRandom;

/**
 * Function-preserving permutations of a zoo CNN's hidden units (docs/METHOD.md §4): permuting the output
 * neurons/kernels of layer l (weights and bias) and, to match, the input axis of layer l+1 — in
 * contiguous blocks of the flattened spatial size at a conv -> dense boundary (channel-major flatten).
 * The last layer's outputs (the classes) are never permuted.
 */
public final class WeightPermutation {

    private WeightPermutation() {}

    /** One random permutation per permutable layer (all but the last). */
    public static int[][] random(Architecture arch, SplittableRandom rnd) {
        int[][] p = new int[arch.layers().size() - 1][];
        for (int l = 0; l < p.length; l++) {
            p[l] = Permutations.shuffled(arch.layers().get(l).outChannels(), rnd);
        }
        return p;
    }

    /**
     * Applies {@code perms} (new unit {@code o} of layer l = old unit {@code perms[l][o]}) and returns
     * a new canonical vector.
     */
    public static float[] apply(Architecture arch, float[] w, int[][] perms) {
        if (perms.length != arch.layers().size() - 1) {
            throw new IllegalArgumentException(
                    "need " + (arch.layers().size() - 1) + " layer permutations, got " + perms.length);
        }
        float[] out = w.clone();
        for (int l = 0; l < perms.length; l++) {
            permuteOutputs(arch, out, l, perms[l]);
            permuteInputs(arch, out, l + 1, perms[l]);
        }
        return out;
    }

    private static void permuteOutputs(Architecture arch, float[] w, int l, int[] p) {
        LayerSpec spec = arch.layers().get(l);
        if (p.length != spec.outChannels()) {
            throw new IllegalArgumentException(
                    "layer " + l + " has " + spec.outChannels() + " units, permutation has " + p.length);
        }
        int fan = spec.weightCount() / spec.outChannels();
        int wo = arch.weightOffset(l);
        int bo = arch.biasOffset(l);
        float[] rows = new float[spec.weightCount()];
        float[] bias = new float[spec.outChannels()];
        for (int o = 0; o < p.length; o++) {
            System.arraycopy(w, wo + p[o] * fan, rows, o * fan, fan);
            bias[o] = w[bo + p[o]];
        }
        System.arraycopy(rows, 0, w, wo, rows.length);
        System.arraycopy(bias, 0, w, bo, bias.length);
    }

    /** Permutes layer l's input units in blocks: k*k for a conv, s*s at a conv -> dense flatten, 1 otherwise. */
    private static void permuteInputs(Architecture arch, float[] w, int l, int[] p) {
        LayerSpec spec = arch.layers().get(l);
        LayerSpec prev = arch.layers().get(l - 1);
        int block;
        if (spec.kind() == LayerSpec.Kind.CONV2D) {
            block = spec.kernel() * spec.kernel();
        } else if (prev.kind() == LayerSpec.Kind.CONV2D) {
            int s = arch.outputSpatial(l - 1);
            block = s * s;
        } else {
            block = 1;
        }
        int fan = spec.weightCount() / spec.outChannels();
        if (fan != p.length * block) {
            throw new IllegalStateException(
                    "layer " + l + ": fan-in " + fan + " is not " + p.length + " units x " + block);
        }
        int wo = arch.weightOffset(l);
        float[] row = new float[fan];
        for (int o = 0; o < spec.outChannels(); o++) {
            int base = wo + o * fan;
            for (int c = 0; c < p.length; c++) {
                System.arraycopy(w, base + p[c] * block, row, c * block, block);
            }
            System.arraycopy(row, 0, w, base, fan);
        }
    }
}
