package io.hyperrep.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.ImageSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The safetensors export read back by a parser written here from the format's description (not the
 * writer's code): header length, JSON header, dtype, shapes, contiguous byte ranges; the tensors are put
 * back together by this test's own PyTorch module list, and that model classifies the real Fashion-MNIST
 * test set exactly as the checkpoint does, at the accuracy the zoo trainer recorded.
 */
class SafetensorsTest {

    /** The PyTorch CNN-s as written by hand: name and shape of each parameter, in module order. */
    static final Map<String, int[]> TORCH_CNN_S = new LinkedHashMap<>();

    static {
        TORCH_CNN_S.put("module_list.0.weight", new int[] {8, 1, 5, 5}); // nn.Conv2d(1, 8, 5)
        TORCH_CNN_S.put("module_list.0.bias", new int[] {8});
        TORCH_CNN_S.put("module_list.3.weight", new int[] {6, 8, 5, 5}); // nn.Conv2d(8, 6, 5)
        TORCH_CNN_S.put("module_list.3.bias", new int[] {6});
        TORCH_CNN_S.put("module_list.6.weight", new int[] {4, 6, 2, 2}); // nn.Conv2d(6, 4, 2)
        TORCH_CNN_S.put("module_list.6.bias", new int[] {4});
        TORCH_CNN_S.put("module_list.9.weight", new int[] {20, 36}); // nn.Linear(36, 20)
        TORCH_CNN_S.put("module_list.9.bias", new int[] {20});
        TORCH_CNN_S.put("module_list.11.weight", new int[] {10, 20}); // nn.Linear(20, 10)
        TORCH_CNN_S.put("module_list.11.bias", new int[] {10});
    }

    record Parsed(
            Map<String, float[]> tensors,
            Map<String, List<Integer>> shapes,
            Map<String, String> metadata,
            int headerBytes) {}

    /** An independent reader of the format. */
    static Parsed parse(byte[] file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        assertTrue(n > 0 && 8 + n <= file.length, "header length " + n);
        JsonNode header = new ObjectMapper().readTree(new String(file, 8, (int) n, StandardCharsets.UTF_8));
        int dataStart = 8 + (int) n;
        Map<String, float[]> tensors = new LinkedHashMap<>();
        Map<String, List<Integer>> shapes = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        List<long[]> ranges = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("__metadata__")) {
                e.getValue()
                        .fields()
                        .forEachRemaining(
                                m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            JsonNode t = e.getValue();
            assertEquals("F32", t.get("dtype").asText(), e.getKey());
            List<Integer> shape = new ArrayList<>();
            t.get("shape").forEach(d -> shape.add(d.asInt()));
            long begin = t.get("data_offsets").get(0).asLong();
            long end = t.get("data_offsets").get(1).asLong();
            long elements = shape.stream().mapToLong(Integer::longValue).reduce(1, (x, y) -> x * y);
            assertEquals(elements * 4, end - begin, e.getKey() + ": byte range fits the shape");
            float[] values = new float[(int) elements];
            ByteBuffer.wrap(file, dataStart + (int) begin, (int) (end - begin))
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer()
                    .get(values);
            tensors.put(e.getKey(), values);
            shapes.put(e.getKey(), shape);
            ranges.add(new long[] {begin, end});
        }
        ranges.sort((x, y) -> Long.compare(x[0], y[0]));
        long at = 0;
        for (long[] r : ranges) {
            assertEquals(at, r[0], "tensors cover the data without gaps or overlaps");
            at = r[1];
        }
        assertEquals(file.length - dataStart, at, "the data section holds exactly the tensors");
        return new Parsed(tensors, shapes, metadata, (int) n);
    }

    @Test
    void shouldRoundTripThroughAnIndependentReaderWithTheSameAccuracyOnRealImages() throws Exception {
        ExportFixtures.Trained m = ExportFixtures.trained();
        byte[] file = Safetensors.write(
                Architectures.CNN_S, m.weights(), Map.of("arch", "cnn-s", "note", "a \"quoted\" value"));
        Parsed p = parse(file);
        assertEquals(0, (8 + p.headerBytes()) % 8, "data aligned to 8 bytes");
        assertEquals(Map.of("arch", "cnn-s", "note", "a \"quoted\" value"), p.metadata());
        assertEquals(TORCH_CNN_S.keySet(), p.tensors().keySet());
        float[] rebuilt = new float[Architectures.CNN_S.parameterCount()];
        int at = 0;
        for (var e : TORCH_CNN_S.entrySet()) {
            assertEquals(
                    java.util.Arrays.stream(e.getValue()).boxed().toList(),
                    p.shapes().get(e.getKey()),
                    e.getKey());
            float[] t = p.tensors().get(e.getKey());
            System.arraycopy(t, 0, rebuilt, at, t.length);
            at += t.length;
        }

        ImageSet test = ExportFixtures.testImages();
        int n = test.count();
        double original = ExportFixtures.accuracy(
                ExportFixtures.referenceLogits(Architectures.CNN_S, Activation.TANH, m.weights(), test, n), test);
        double read = ExportFixtures.accuracy(
                ExportFixtures.referenceLogits(Architectures.CNN_S, Activation.TANH, rebuilt, test, n), test);
        System.out.printf(
                "safetensors: accuracy on %d Fashion-MNIST test images %.4f (checkpoint %.4f, recorded %.4f)%n",
                n, read, original, m.recordedTestAcc());
        assertEquals(original, read, 0.0, "the file's model classifies every image as the checkpoint does");
        assertEquals(
                m.recordedTestAcc(), read, 0.002, "and near the accuracy the zoo trainer measured with its own kernel");
    }
}
