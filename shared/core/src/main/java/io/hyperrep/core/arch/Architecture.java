package io.hyperrep.core.arch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A zoo CNN: input shape and its parameterised layers, with the canonical flat parameter layout
 * derived from them.
 *
 * <p>The canonical vector is PyTorch's {@code state_dict} order (docs/METHOD.md §2.1): per layer W then b,
 * conv W as [out,in,kh,kw] and dense W as [out,in], both row-major; the conv-to-dense flatten is
 * channel-major. Every tensor, token, event and file in hyperrep uses this order.
 */
public record Architecture(String id, int channels, int height, int width, List<LayerSpec> layers) {

    public Architecture {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("architecture " + id + " has no layers");
        }
        validateShapes(id, channels, height, width, layers);
    }

    /** Number of parameters (weights and biases of every layer). */
    public int parameterCount() {
        int n = 0;
        for (LayerSpec l : layers) {
            n += l.weightCount() + l.outChannels();
        }
        return n;
    }

    /** Offset of layer {@code i}'s weight block in the canonical vector. */
    public int weightOffset(int i) {
        int n = 0;
        for (int j = 0; j < i; j++) {
            n += layers.get(j).weightCount() + layers.get(j).outChannels();
        }
        return n;
    }

    /** Offset of layer {@code i}'s bias block in the canonical vector (right after its weights). */
    public int biasOffset(int i) {
        return weightOffset(i) + layers.get(i).weightCount();
    }

    /** One past layer {@code i}'s last parameter: the layer is {@code [weightOffset(i), layerEnd(i))}. */
    public int layerEnd(int i) {
        return biasOffset(i) + layers.get(i).outChannels();
    }

    /** @throws IllegalArgumentException naming both shapes when {@code images} are not this network's input */
    public void requireFits(io.hyperrep.core.data.ImageSet images) {
        if (images.imageSize() != inputSize()) {
            throw new IllegalArgumentException("images of " + images.channels() + "x" + images.height() + "x"
                    + images.width() + " do not fit " + id + " (" + channels + "x" + height + "x" + width + ")");
        }
    }

    /** Number of output classes (the last layer's width). */
    public int classes() {
        return layers.get(layers.size() - 1).outChannels();
    }

    /** Pixels per input image (channels*height*width). */
    public int inputSize() {
        return channels * height * width;
    }

    /**
     * Spatial size (height == width for every zoo CNN) of the feature map entering layer {@code i};
     * 1 for dense layers.
     */
    public int inputSpatial(int i) {
        int s = height;
        for (int j = 0; j < i; j++) {
            LayerSpec l = layers.get(j);
            if (l.kind() == LayerSpec.Kind.CONV2D) {
                s = s - l.kernel() + 1;
                if (l.poolAfter()) {
                    s = s / 2;
                }
            } else {
                s = 1;
            }
        }
        return layers.get(i).kind() == LayerSpec.Kind.DENSE ? 1 : s;
    }

    /** Spatial size of layer {@code i}'s output after its optional pooling. */
    public int outputSpatial(int i) {
        LayerSpec l = layers.get(i);
        if (l.kind() == LayerSpec.Kind.DENSE) {
            return 1;
        }
        int s = inputSpatial(i) - l.kernel() + 1;
        return l.poolAfter() ? s / 2 : s;
    }

    /**
     * A stable fingerprint of the canonical layout: the first 16 hex digits of the SHA-256 of its
     * description. Two architectures with the same hash have interchangeable checkpoint vectors.
     */
    public String layoutHash() {
        // asked for every decoded checkpoint; the description is hashed once per architecture
        return LAYOUT_HASHES.computeIfAbsent(
                this,
                a -> HexFormat.of().formatHex(sha256(a.layoutDescription())).substring(0, 16));
    }

    private static final java.util.Map<Architecture, String> LAYOUT_HASHES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Human-readable canonical layout, e.g. {@code conv2d w[8,1,5,5] b[8]; ...}. */
    public String layoutDescription() {
        StringBuilder sb = new StringBuilder("input[" + channels + "," + height + "," + width + "]");
        for (LayerSpec l : layers) {
            sb.append("; ")
                    .append(l.kind() == LayerSpec.Kind.CONV2D ? "conv2d" : "dense")
                    .append(" w")
                    .append(java.util.Arrays.toString(l.weightShape()).replace(" ", ""))
                    .append(" b[")
                    .append(l.outChannels())
                    .append(']')
                    .append(l.poolAfter() ? " maxpool2" : "")
                    .append(l.activated() ? " act" : "");
        }
        return sb.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    private static void validateShapes(String id, int c, int h, int w, List<LayerSpec> layers) {
        if (h != w) {
            throw new IllegalArgumentException(id + ": only square inputs are supported, got " + h + "x" + w);
        }
        int channels = c;
        int spatial = h;
        boolean dense = false;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            if (l.kind() == LayerSpec.Kind.CONV2D) {
                if (dense) {
                    throw new IllegalArgumentException(id + ": conv layer " + i + " after a dense layer");
                }
                if (l.inChannels() != channels) {
                    throw new IllegalArgumentException(id + ": layer " + i + " expects " + l.inChannels()
                            + " input channels but receives " + channels);
                }
                spatial = spatial - l.kernel() + 1;
                if (spatial <= 0) {
                    throw new IllegalArgumentException(id + ": layer " + i + " kernel larger than its input");
                }
                if (l.poolAfter()) {
                    spatial /= 2;
                }
                channels = l.outChannels();
            } else {
                int in = dense ? channels : channels * spatial * spatial;
                if (l.inChannels() != in) {
                    throw new IllegalArgumentException(
                            id + ": dense layer " + i + " expects " + l.inChannels() + " inputs but receives " + in);
                }
                dense = true;
                channels = l.outChannels();
            }
        }
        if (!dense) {
            throw new IllegalArgumentException(id + ": the last layer must be dense");
        }
    }
}
