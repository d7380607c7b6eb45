package io.hyperrep.core.export;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.LayerSpec;
import io.hyperrep.core.data.Normalization;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A zoo CNN as an ONNX model (opset {@value #OPSET}, IR version {@value #IR_VERSION}), written as
 * protocol buffers by hand ({@link Protobuf}; field numbers from onnx.proto). The graph is the forward
 * pass of {@code ReferenceCnn} with the zoo's input normalisation inside it:
 *
 * <ul>
 *   <li>input {@value #INPUT}: float32 {@code [batch, channels, height, width]}, raw pixel bytes divided by
 *       255 (values in [0, 1]); the graph subtracts the recipe's mean and divides by its std;</li>
 *   <li>per conv layer: {@code Conv} (stride 1, no padding), then {@code MaxPool} 2x2/2 if the layer pools
 *       (before the activation, as the zoo CNNs do), then the activation;</li>
 *   <li>{@code Flatten} (axis 1, channel-major, as PyTorch's) before the first dense layer; per dense layer
 *       {@code Gemm} with the weight as stored ({@code [out, in]}, {@code transB = 1}), then the activation
 *       if the layer has one;</li>
 *   <li>outputs {@value #LOGITS} {@code [batch, classes]} and {@value #PROBABILITIES} (their {@code Softmax}).</li>
 * </ul>
 *
 * Activations: {@code Tanh}, {@code Relu}, and GELU in its exact erf form (opset 13 has no {@code Gelu}).
 * Weights are initializers named as the PyTorch {@code state_dict} ({@link StateDict}); each node's output is
 * named after the {@code module_list} step it computes.
 */
public final class Onnx {

    public static final int OPSET = 13;
    public static final int IR_VERSION = 7;
    public static final String INPUT = "pixels";
    public static final String LOGITS = "logits";
    public static final String PROBABILITIES = "probabilities";

    private static final int FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_INTS = 7;

    private Onnx() {}

    /**
     * The model file's bytes.
     *
     * @param metadata key/value pairs stored as the model's {@code metadata_props}
     */
    public static byte[] write(
            Architecture arch,
            Activation activation,
            Normalization normalization,
            float[] weights,
            Map<String, String> metadata) {
        if (weights.length != arch.parameterCount()) {
            throw new IllegalArgumentException(
                    arch.id() + " has " + arch.parameterCount() + " parameters, got " + weights.length);
        }
        Graph g = new Graph();
        g.scalar("input.mean", (float) normalization.mean());
        g.scalar("input.std", (float) normalization.std());
        String centred = g.node("Sub", "input.centred", List.of(INPUT, "input.mean"));
        String x = g.node("Div", "input.normalized", List.of(centred, "input.std"));

        List<StateDict.Tensor> tensors = StateDict.tensors(arch);
        int[] modules = StateDict.moduleIndices(arch);
        int last = arch.layers().size() - 1;
        for (int i = 0; i <= last; i++) {
            LayerSpec l = arch.layers().get(i);
            StateDict.Tensor w = tensors.get(2 * i);
            StateDict.Tensor b = tensors.get(2 * i + 1);
            g.tensor(w.name(), w.shape(), Arrays.copyOfRange(weights, w.offset(), w.offset() + w.length()));
            g.tensor(b.name(), b.shape(), Arrays.copyOfRange(weights, b.offset(), b.offset() + b.length()));
            int m = modules[i];
            boolean output = i == last && !l.activated();
            if (l.kind() == LayerSpec.Kind.CONV2D) {
                x = g.node(
                        "Conv",
                        name(m),
                        List.of(x, w.name(), b.name()),
                        ints("kernel_shape", l.kernel(), l.kernel()),
                        ints("strides", 1, 1),
                        ints("pads", 0, 0, 0, 0));
                if (l.poolAfter()) {
                    x = g.node("MaxPool", name(++m), List.of(x), ints("kernel_shape", 2, 2), ints("strides", 2, 2));
                }
            } else {
                if (i == 0 || arch.layers().get(i - 1).kind() == LayerSpec.Kind.CONV2D) {
                    x = g.node("Flatten", name(m - 1), List.of(x), integer("axis", 1));
                }
                x = g.node("Gemm", output ? LOGITS : name(m), List.of(x, w.name(), b.name()), integer("transB", 1));
            }
            if (l.activated()) {
                x = g.activation(activation, i == last ? LOGITS : name(m + 1), x);
            }
        }
        g.node("Softmax", PROBABILITIES, List.of(LOGITS), integer("axis", 1));

        Protobuf graph = new Protobuf();
        g.nodes.forEach(n -> graph.message(1, n));
        graph.string(2, arch.id());
        g.initializers.forEach(t -> graph.message(5, t));
        graph.string(
                10,
                "hyperrep " + arch.id() + " (" + arch.layoutDescription() + "), "
                        + activation.name().toLowerCase(Locale.ROOT)
                        + "; input: pixels/255, normalised inside the graph with mean " + normalization.mean()
                        + ", std " + normalization.std());
        graph.message(11, valueInfo(INPUT, "batch", arch.channels(), arch.height(), arch.width()));
        graph.message(12, valueInfo(LOGITS, "batch", arch.classes()));
        graph.message(12, valueInfo(PROBABILITIES, "batch", arch.classes()));

        Protobuf model = new Protobuf()
                .int64(1, IR_VERSION)
                .string(2, "hyperrep")
                .string(3, "0.1.0")
                .string(
                        6,
                        "A CNN of a hyperrep model zoo or generated by hyperrep; input " + INPUT
                                + " = raw pixels / 255")
                .message(7, graph)
                .message(8, new Protobuf().string(1, "").int64(2, OPSET));
        for (var e : new TreeMap<>(metadata).entrySet()) {
            model.message(14, new Protobuf().string(1, e.getKey()).string(2, e.getValue()));
        }
        return model.toByteArray();
    }

    private static String name(int module) {
        return StateDict.PREFIX + "." + module;
    }

    /** A graph being built: nodes in execution order and the initializers they read. */
    private static final class Graph {
        final List<Protobuf> nodes = new ArrayList<>();
        final List<Protobuf> initializers = new ArrayList<>();
        private boolean geluConstants;

        String node(String op, String output, List<String> inputs, Protobuf... attributes) {
            Protobuf n = new Protobuf();
            inputs.forEach(in -> n.string(1, in));
            n.string(2, output).string(3, output).string(4, op);
            for (Protobuf a : attributes) {
                n.message(5, a);
            }
            nodes.add(n);
            return output;
        }

        void tensor(String name, int[] shape, float[] values) {
            Protobuf t = new Protobuf();
            for (int d : shape) {
                t.int64(1, d);
            }
            t.int64(2, FLOAT).string(8, name).bytes(9, littleEndian(values));
            initializers.add(t);
        }

        void scalar(String name, float value) {
            tensor(name, new int[0], new float[] {value});
        }

        String activation(Activation a, String output, String x) {
            return switch (a) {
                case TANH -> node("Tanh", output, List.of(x));
                case RELU -> node("Relu", output, List.of(x));
                case GELU -> {
                    if (!geluConstants) {
                        scalar("gelu.sqrt2", (float) Math.sqrt(2));
                        scalar("gelu.one", 1f);
                        scalar("gelu.half", 0.5f);
                        geluConstants = true;
                    }
                    String scaled = node("Div", output + ".scaled", List.of(x, "gelu.sqrt2"));
                    String erf = node("Erf", output + ".erf", List.of(scaled));
                    String plus = node("Add", output + ".plus1", List.of(erf, "gelu.one"));
                    String times = node("Mul", output + ".times", List.of(x, plus));
                    yield node("Mul", output, List.of(times, "gelu.half"));
                }
            };
        }
    }

    private static Protobuf ints(String name, long... values) {
        return new Protobuf().string(1, name).int64s(8, values).int64(20, ATTR_INTS);
    }

    private static Protobuf integer(String name, long value) {
        return new Protobuf().string(1, name).int64(3, value).int64(20, ATTR_INT);
    }

    /** A float32 tensor's type and shape; {@code batch} names the first, variable dimension. */
    private static Protobuf valueInfo(String name, String batch, int... dims) {
        Protobuf shape = new Protobuf().message(1, new Protobuf().string(2, batch));
        for (int d : dims) {
            shape.message(1, new Protobuf().int64(1, d));
        }
        Protobuf tensor = new Protobuf().int64(1, FLOAT).message(2, shape);
        return new Protobuf().string(1, name).message(2, new Protobuf().message(1, tensor));
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }
}
