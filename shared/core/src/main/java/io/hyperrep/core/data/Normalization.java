package io.hyperrep.core.data;

/**
 * Input preprocessing of a zoo: {@code (byte/255 - mean) / std}. Recorded in the zoo spec because
 * fine-tuning and every evaluation must reuse exactly the zoo's preprocessing (docs/METHOD.md §11).
 */
public record Normalization(double mean, double std) {

    public Normalization {
        if (!(std > 0) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException(
                    "normalization needs a finite mean and std > 0, got mean=" + mean + " std=" + std);
        }
    }

    /** Pixels scaled to [0,1] only. */
    public static final Normalization UNIT = new Normalization(0, 1);

    /** Mean and (population) std of the pixels of {@code images}, scaled to [0,1]. */
    public static Normalization fit(ImageSet images) {
        double sum = 0;
        double sq = 0;
        byte[] px = images.pixels();
        for (byte b : px) {
            double v = (b & 0xff) / 255.0;
            sum += v;
            sq += v * v;
        }
        double mean = sum / px.length;
        double var = sq / px.length - mean * mean;
        return new Normalization(round6(mean), round6(Math.sqrt(var)));
    }

    /** The normalized value of one raw byte. */
    public float apply(byte raw) {
        return (float) (((raw & 0xff) / 255.0 - mean) / std);
    }

    /** A lookup table from raw byte to normalized value, for hot loops. */
    public float[] table() {
        float[] t = new float[256];
        for (int i = 0; i < 256; i++) {
            t[i] = apply((byte) i);
        }
        return t;
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
