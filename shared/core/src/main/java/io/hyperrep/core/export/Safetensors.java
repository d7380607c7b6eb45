package io.hyperrep.core.export;

import io.hyperrep.core.arch.Architecture;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A zoo CNN's weights as a safetensors file (the format of Hugging Face's {@code safetensors}): an
 * 8-byte little-endian header length, a JSON header naming each tensor's dtype ({@code F32}), shape and
 * byte range in the data, then the raw little-endian data. Tensors carry their PyTorch names
 * ({@link StateDict}), in canonical order, so {@code model.load_state_dict(safetensors.torch.load_file(f))}
 * fills an {@code nn.Module} holding the {@code module_list} that {@link StateDict} describes. The header is
 * padded with spaces to a multiple of 8 bytes, as the reference writer does, so the data is aligned.
 */
public final class Safetensors {

    private Safetensors() {}

    /**
     * The file's bytes.
     *
     * @param metadata strings stored under {@code __metadata__} (e.g. architecture, sample id)
     */
    public static byte[] write(Architecture arch, float[] weights, Map<String, String> metadata) {
        if (weights.length != arch.parameterCount()) {
            throw new IllegalArgumentException(
                    arch.id() + " has " + arch.parameterCount() + " parameters, got " + weights.length);
        }
        StringBuilder h = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            h.append(Json.string("__metadata__")).append(":{");
            boolean first = true;
            for (var e : new TreeMap<>(metadata).entrySet()) {
                h.append(first ? "" : ",")
                        .append(Json.string(e.getKey()))
                        .append(':')
                        .append(Json.string(e.getValue()));
                first = false;
            }
            h.append('}');
        }
        for (StateDict.Tensor t : StateDict.tensors(arch)) {
            if (h.length() > 1) {
                h.append(',');
            }
            h.append(Json.string(t.name())).append(":{\"dtype\":\"F32\",\"shape\":[");
            for (int i = 0; i < t.shape().length; i++) {
                h.append(i == 0 ? "" : ",").append(t.shape()[i]);
            }
            h.append("],\"data_offsets\":[")
                    .append(4L * t.offset())
                    .append(',')
                    .append(4L * (t.offset() + t.length()))
                    .append("]}");
        }
        h.append('}');
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + 4 * weights.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(header);
        for (int i = header.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        out.asFloatBuffer().put(weights);
        return out.array();
    }

    /** JSON strings, the only JSON values the header needs besides numbers. */
    static final class Json {
        private Json() {}

        static String string(String s) {
            StringBuilder b = new StringBuilder(s.length() + 2).append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }
    }
}
