package io.hyperrep.core.arch;

/**
 * One parameterised layer of a zoo CNN, in the order the forward pass applies it.
 *
 * <p>Conv layers use stride 1 and no padding; {@code poolAfter} means a 2x2/2 max-pool that comes
 * <em>before</em> the activation (docs/METHOD.md §1.3). For a dense layer {@code kernel} is 1 and
 * {@code inChannels} is its input width.
 */
public record LayerSpec(Kind kind, int inChannels, int outChannels, int kernel, boolean poolAfter, boolean activated) {

    /** The two layer types of the zoo CNNs. */
    public enum Kind {
        CONV2D,
        DENSE
    }

    public LayerSpec {
        if (inChannels <= 0 || outChannels <= 0 || kernel <= 0) {
            throw new IllegalArgumentException(
                    "layer sizes must be positive, got in=" + inChannels + " out=" + outChannels + " kernel=" + kernel);
        }
        if (kind == Kind.DENSE && (kernel != 1 || poolAfter)) {
            throw new IllegalArgumentException("a dense layer has kernel 1 and no pooling");
        }
    }

    public static LayerSpec conv(int in, int out, int kernel, boolean pool) {
        return new LayerSpec(Kind.CONV2D, in, out, kernel, pool, true);
    }

    public static LayerSpec dense(int in, int out, boolean activated) {
        return new LayerSpec(Kind.DENSE, in, out, 1, false, activated);
    }

    /** Number of weights (without the bias): out*in*k*k. */
    public int weightCount() {
        return outChannels * inChannels * kernel * kernel;
    }

    /** Weight shape in the canonical (PyTorch) order: conv [out,in,kh,kw], dense [out,in]. */
    public int[] weightShape() {
        return kind == Kind.CONV2D
                ? new int[] {outChannels, inChannels, kernel, kernel}
                : new int[] {outChannels, inChannels};
    }

    /** Fan-in used by kaiming initialisation: in*kh*kw. */
    public int fanIn() {
        return inChannels * kernel * kernel;
    }
}
