package io.hyperrep.core.zoo;

import io.hyperrep.core.arch.Architecture;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One checkpoint of one zoo model: the canonical float32 weights at an epoch (0 = initialisation)
 * with the model's metrics at that point.
 */
public record Checkpoint(
        String zooId,
        String modelId,
        long seed,
        int epoch,
        String arch,
        String layoutHash,
        CheckpointMetrics metrics,
        float[] weights) {

    /** Identifies a checkpoint within the system: zoo, model, epoch. Also the Kafka record key. */
    public String key() {
        return key(zooId, modelId, epoch);
    }

    public static String key(String zooId, String modelId, int epoch) {
        return zooId + "/" + modelId + "/" + epoch;
    }

    /** SHA-256 (hex) of the weights as little-endian float32 bytes. */
    public String weightsSha256() {
        return sha256(weightBytes(weights));
    }

    /** The weights as little-endian float32 bytes, the wire and file encoding. */
    public static byte[] weightBytes(float[] w) {
        ByteBuffer buf = ByteBuffer.allocate(w.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(w);
        return buf.array();
    }

    /** Inverse of {@link #weightBytes}. */
    public static float[] weightsFromBytes(byte[] b) {
        if (b.length % 4 != 0) {
            throw new IllegalArgumentException("weight bytes must be a multiple of 4, got " + b.length);
        }
        float[] w = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(w);
        return w;
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the weights against the architecture: count and finiteness. */
    public void requireFits(Architecture a) {
        if (!a.id().equals(arch) || !a.layoutHash().equals(layoutHash)) {
            throw new IllegalArgumentException(
                    key() + " is for " + arch + "/" + layoutHash + ", not " + a.id() + "/" + a.layoutHash());
        }
        if (weights.length != a.parameterCount()) {
            throw new IllegalArgumentException(
                    key() + " has " + weights.length + " weights; " + a.id() + " has " + a.parameterCount());
        }
    }
}
