package io.hyperrep.events;

import io.hyperrep.core.zoo.Checkpoint;
import java.util.Base64;

/** Weights inside an event: float32 little-endian, base64, with count and sha256 (as in checkpoint v1). */
public record Weights(String dtype, String byteOrder, int count, String sha256, String base64) {

    public Weights {
        if (!"float32".equals(dtype) || !"little-endian".equals(byteOrder)) {
            throw new IllegalArgumentException("weights must be dtype float32, byteOrder little-endian");
        }
        if (count < 1 || sha256 == null || sha256.length() != 64 || base64 == null) {
            throw new IllegalArgumentException("weights need count >= 1, a 64-hex sha256 and base64 data");
        }
    }

    public static Weights of(float[] w) {
        byte[] raw = Checkpoint.weightBytes(w);
        return new Weights(
                "float32",
                "little-endian",
                w.length,
                Checkpoint.sha256(raw),
                Base64.getEncoder().encodeToString(raw));
    }

    /** The values, checked against count, digest and finiteness. */
    public float[] values() {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new EventFormatException(
                    EventFormatException.Reason.INVALID_FIELD, "weights.base64 is not valid base64");
        }
        if (raw.length != count * 4) {
            throw new EventFormatException(
                    EventFormatException.Reason.WRONG_WEIGHT_COUNT,
                    "weights hold " + raw.length / 4.0 + " values, count says " + count);
        }
        if (!Checkpoint.sha256(raw).equals(sha256)) {
            throw new EventFormatException(
                    EventFormatException.Reason.DIGEST_MISMATCH, "weights.sha256 does not match the weights");
        }
        float[] w = Checkpoint.weightsFromBytes(raw);
        for (int i = 0; i < w.length; i++) {
            if (!Float.isFinite(w[i])) {
                throw new EventFormatException(
                        EventFormatException.Reason.NON_FINITE_WEIGHTS, "weight " + i + " is " + w[i]);
            }
        }
        return w;
    }
}
