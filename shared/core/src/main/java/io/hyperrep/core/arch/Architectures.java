package io.hyperrep.core.arch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registry of the zoo architectures (docs/METHOD.md §1.3), looked up by id. */
public final class Architectures {

    // Kept apart (duplicates): two architectures written out as data (the paper's tables), not repeated logic.
    /** CNN-s: MNIST-shaped input, 2,464 parameters, 48 neuron tokens. */
    public static final Architecture CNN_S = new Architecture(
            "cnn-s",
            1,
            28,
            28,
            List.of(
                    LayerSpec.conv(1, 8, 5, true),
                    LayerSpec.conv(8, 6, 5, true),
                    LayerSpec.conv(6, 4, 2, false),
                    LayerSpec.dense(36, 20, true),
                    LayerSpec.dense(20, 10, false)));

    /** CNN-l: CIFAR-shaped input, 10,853 parameters, 93 neuron tokens. */
    public static final Architecture CNN_L = new Architecture(
            "cnn-l",
            3,
            32,
            32,
            List.of(
                    LayerSpec.conv(3, 16, 3, true),
                    LayerSpec.conv(16, 32, 3, true),
                    LayerSpec.conv(32, 15, 3, true),
                    LayerSpec.dense(60, 20, true),
                    LayerSpec.dense(20, 10, false)));

    private static final Map<String, Architecture> BY_ID = new LinkedHashMap<>();

    static {
        BY_ID.put(CNN_S.id(), CNN_S);
        BY_ID.put(CNN_L.id(), CNN_L);
    }

    private Architectures() {}

    /** All registered architectures, in registration order. */
    public static List<Architecture> all() {
        return List.copyOf(BY_ID.values());
    }

    /** The architecture with this id, if registered. */
    public static Optional<Architecture> find(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /**
     * The architecture with this id.
     *
     * @throws IllegalArgumentException naming the known ids when {@code id} is unknown
     */
    public static Architecture byId(String id) {
        Architecture a = BY_ID.get(id);
        if (a == null) {
            throw new IllegalArgumentException(
                    "unknown architecture '" + id + "'; known: " + String.join(", ", BY_ID.keySet()));
        }
        return a;
    }
}
