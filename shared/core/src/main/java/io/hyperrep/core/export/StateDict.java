package io.hyperrep.core.export;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.LayerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The PyTorch {@code state_dict} names of a zoo CNN's tensors, for files read outside hyperrep. The
 * network is a plain {@code nn.Sequential} held as {@code module_list}, one module per step of the
 * forward pass, so the names are {@code module_list.<index>.weight|bias} with the index of the layer's
 * module in that sequence. For CNN-s:
 *
 * <pre>
 * module_list = nn.Sequential(
 *     nn.Conv2d(1, 8, 5), nn.MaxPool2d(2), nn.Tanh(),     # 0 1 2
 *     nn.Conv2d(8, 6, 5), nn.MaxPool2d(2), nn.Tanh(),     # 3 4 5
 *     nn.Conv2d(6, 4, 2), nn.Tanh(),                      # 6 7
 *     nn.Flatten(),                                       # 8
 *     nn.Linear(36, 20), nn.Tanh(),                       # 9 10
 *     nn.Linear(20, 10))                                  # 11
 * </pre>
 *
 * so its tensors are {@code module_list.0}, {@code .3}, {@code .6}, {@code .9} and {@code .11}. The
 * activation module is whatever the zoo's recipe uses; it has no parameters, so the names do not
 * depend on it. The tensors' order and shapes are the canonical layout's ({@link Architecture}).
 */
public final class StateDict {

    /** One tensor: its name, shape, and where it sits in the canonical vector. */
    public record Tensor(String name, int[] shape, int offset, int length) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Tensor t
                    && t.name.equals(name)
                    && Arrays.equals(t.shape, shape)
                    && t.offset == offset
                    && t.length == length;
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return name + Arrays.toString(shape) + "@" + offset;
        }
    }

    /** The prefix of every name: the attribute holding the {@code nn.Sequential}. */
    public static final String PREFIX = "module_list";

    private StateDict() {}

    /** The architecture's tensors in canonical order: per layer weight, then bias. */
    public static List<Tensor> tensors(Architecture arch) {
        List<Tensor> out = new ArrayList<>();
        int module = 0;
        boolean flattened = false;
        for (int i = 0; i < arch.layers().size(); i++) {
            LayerSpec l = arch.layers().get(i);
            if (l.kind() == LayerSpec.Kind.DENSE && !flattened) {
                module++; // nn.Flatten()
                flattened = true;
            }
            int w = arch.weightOffset(i);
            out.add(new Tensor(PREFIX + "." + module + ".weight", l.weightShape(), w, l.weightCount()));
            out.add(new Tensor(
                    PREFIX + "." + module + ".bias", new int[] {l.outChannels()}, arch.biasOffset(i), l.outChannels()));
            module += 1 + (l.poolAfter() ? 1 : 0) + (l.activated() ? 1 : 0);
        }
        return List.copyOf(out);
    }

    /** The index in {@code module_list} of each layer's module (conv or linear), in layer order. */
    public static int[] moduleIndices(Architecture arch) {
        List<Tensor> t = tensors(arch);
        int[] idx = new int[arch.layers().size()];
        for (int i = 0; i < idx.length; i++) {
            String name = t.get(2 * i).name();
            idx[i] = Integer.parseInt(name.substring(PREFIX.length() + 1, name.lastIndexOf('.')));
        }
        return idx;
    }
}
