package io.hyperrep.core.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A protocol-buffers message written field by field (the wire format: varints, length-delimited bytes,
 * fixed 32-bit floats), enough to write ONNX's messages without a generated class. Repeated scalars are
 * written unpacked, one field each, which every parser accepts for proto2 and proto3 alike.
 */
final class Protobuf {

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Protobuf int64(int field, long value) {
        tag(field, VARINT);
        varint(value);
        return this;
    }

    Protobuf int64s(int field, long... values) {
        for (long v : values) {
            int64(field, v);
        }
        return this;
    }

    Protobuf float32(int field, float value) {
        tag(field, FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            out.write(bits >>> (8 * i));
        }
        return this;
    }

    Protobuf bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    Protobuf string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Protobuf message(int field, Protobuf value) {
        return bytes(field, value.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    /** Base-128, least significant group first; a negative int64 takes ten bytes (two's complement), as protobuf writes it. */
    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
