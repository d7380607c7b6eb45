package io.hyperrep.core.token;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.LayerSpec;

/**
 * Neuron tokens derived from an architecture's canonical layout (docs/METHOD.md §2.3): one token per
 * output neuron or conv kernel = its incoming weights (row {@code j} of W, in canonical order)
 * followed by its bias. Tokens run layer by layer, kernel by kernel; widths differ per layer
 * (CNN-s: 26, 201, 25, 37, 21; CNN-l: 28, 145, 289, 61, 21) and are not padded.
 * Every canonical index lies in exactly one token, so tokenising is a fixed permutation.
 */
public final class TokenLayout {

    private final Architecture arch;
    private final int[] tokenLayer;
    private final int[] width;
    private final int[] gather;

    public TokenLayout(Architecture arch) {
        this.arch = arch;
        int tokens = 0;
        for (LayerSpec l : arch.layers()) {
            tokens += l.outChannels();
        }
        tokenLayer = new int[tokens];
        width = new int[arch.layers().size()];
        gather = new int[arch.parameterCount()];
        int t = 0;
        int pos = 0;
        for (int li = 0; li < arch.layers().size(); li++) {
            LayerSpec l = arch.layers().get(li);
            int fan = l.weightCount() / l.outChannels();
            width[li] = fan + 1;
            for (int j = 0; j < l.outChannels(); j++) {
                tokenLayer[t++] = li;
                for (int i = 0; i < fan; i++) {
                    gather[pos++] = arch.weightOffset(li) + j * fan + i;
                }
                gather[pos++] = arch.biasOffset(li) + j;
            }
        }
    }

    public Architecture architecture() {
        return arch;
    }

    /** Number of tokens (CNN-s 48, CNN-l 93). */
    public int tokens() {
        return tokenLayer.length;
    }

    /** The layer token {@code t} belongs to. */
    public int layerOf(int t) {
        return tokenLayer[t];
    }

    /** Token width of layer {@code layer}: incoming weights + 1 bias. */
    public int width(int layer) {
        return width[layer];
    }

    /**
     * The gather permutation: position {@code p} of the concatenated tokens holds canonical parameter
     * {@code gather()[p]}.
     */
    public int[] gather() {
        return gather.clone();
    }

    /** The concatenated tokens (all layers' blocks in order): the canonical vector permuted by {@link #gather()}. */
    public float[] toTokenOrder(float[] canonical) {
        requireLength(canonical, "parameters");
        float[] t = new float[gather.length];
        for (int p = 0; p < t.length; p++) {
            t[p] = canonical[gather[p]];
        }
        return t;
    }

    /** Inverse of {@link #toTokenOrder}. */
    public float[] fromTokenOrder(float[] tokens) {
        requireLength(tokens, "token values");
        float[] c = new float[gather.length];
        for (int p = 0; p < c.length; p++) {
            c[gather[p]] = tokens[p];
        }
        return c;
    }

    private void requireLength(float[] values, String what) {
        if (values.length != gather.length) {
            throw new IllegalArgumentException(
                    "expected " + gather.length + " " + what + " for " + arch.id() + ", got " + values.length);
        }
    }

    /** Per layer, that layer's tokens as a row-major [kernels x width] block. */
    public float[][] tokenize(float[] canonical) {
        requireLength(canonical, "parameters");
        float[][] out = new float[width.length][];
        int pos = 0;
        for (int li = 0; li < width.length; li++) {
            float[] block = new float[arch.layers().get(li).outChannels() * width[li]];
            for (int i = 0; i < block.length; i++) {
                block[i] = canonical[gather[pos++]];
            }
            out[li] = block;
        }
        return out;
    }

    /** The exact inverse of {@link #tokenize}. */
    public float[] detokenize(float[][] layers) {
        if (layers.length != width.length) {
            throw new IllegalArgumentException("expected " + width.length + " token blocks, got " + layers.length);
        }
        float[] canonical = new float[gather.length];
        int pos = 0;
        for (int li = 0; li < width.length; li++) {
            int expected = arch.layers().get(li).outChannels() * width[li];
            if (layers[li].length != expected) {
                throw new IllegalArgumentException(
                        "layer " + li + " block holds " + layers[li].length + " values, expected " + expected);
            }
            for (float v : layers[li]) {
                canonical[gather[pos++]] = v;
            }
        }
        return canonical;
    }
}
