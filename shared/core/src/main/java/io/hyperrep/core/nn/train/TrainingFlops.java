package io.hyperrep.core.nn.train;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.LayerSpec;

/**
 * Floating-point operations of one training image (forward and backward) of a zoo CNN, counted
 * analytically as multiply-adds x 2: the forward pass of every layer, the weight gradient of every layer
 * (as many multiply-adds as its forward pass), and the input gradient of every layer but the first.
 * Biases, pooling, activations, the loss and the optimiser are left out (under 1% for CNN-s).
 */
public final class TrainingFlops {

    private TrainingFlops() {}

    /** Forward + backward FLOPs per image: 932,304 for CNN-s. */
    public static long perImage(Architecture arch) {
        long total = 0;
        for (int i = 0; i < arch.layers().size(); i++) {
            long forward = forward(arch, i);
            total += 2 * forward + (i > 0 ? forward : 0);
        }
        return total;
    }

    /** Forward FLOPs of layer {@code i} per image. */
    static long forward(Architecture arch, int i) {
        LayerSpec l = arch.layers().get(i);
        if (l.kind() == LayerSpec.Kind.DENSE) {
            return 2L * l.inChannels() * l.outChannels();
        }
        long o = (long) arch.inputSpatial(i) - l.kernel() + 1;
        return 2L * o * o * l.weightCount();
    }
}
