package io.hyperrep.core.data;

/**
 * Images as raw bytes (row-major, channel-major for multi-channel) with their class labels.
 * Kept as bytes (47 MB for Fashion-MNIST's training set) and scaled on use, so several views of the
 * same data cost nothing.
 */
public record ImageSet(int count, int channels, int height, int width, byte[] pixels, byte[] labels) {

    public ImageSet {
        if ((long) count * channels * height * width != pixels.length) {
            throw new IllegalArgumentException("pixel buffer holds " + pixels.length + " bytes, expected "
                    + (long) count * channels * height * width);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException(labels.length + " labels for " + count + " images");
        }
    }

    /** Bytes per image. */
    public int imageSize() {
        return channels * height * width;
    }

    /** Label of image {@code i} (0..9). */
    public int label(int i) {
        return labels[i];
    }

    /** The images at {@code indices}, in that order. */
    public ImageSet select(int[] indices) {
        int size = imageSize();
        byte[] px = new byte[indices.length * size];
        byte[] lb = new byte[indices.length];
        for (int j = 0; j < indices.length; j++) {
            System.arraycopy(pixels, indices[j] * size, px, j * size, size);
            lb[j] = labels[indices[j]];
        }
        return new ImageSet(indices.length, channels, height, width, px, lb);
    }

    /** The first {@code n} images. */
    public ImageSet head(int n) {
        if (n >= count) {
            return this;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return select(idx);
    }
}
