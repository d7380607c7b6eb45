package io.hyperrep.service.trainer;

import io.hyperrep.core.zoo.Checkpoint;
import java.util.Collection;
import java.util.TreeSet;

/** Which zoo epochs an autoencoder trains on: the last {@code size} consecutive trained epochs present. */
final class EpochWindow {

    private EpochWindow() {
    }

    /** {first, last} of the window; epoch 0 (initialisation) never counts. */
    static int[] lastConsecutive(Collection<Checkpoint> checkpoints, int size) {
        TreeSet<Integer> epochs = new TreeSet<>();
        checkpoints.forEach(c -> epochs.add(c.epoch()));
        epochs.remove(0);
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("the snapshot holds no trained epochs (only epoch 0 or nothing)");
        }
        int last = epochs.last();
        int first = last;
        while (first - 1 >= 1 && epochs.contains(first - 1) && last - first + 1 < size) {
            first--;
        }
        return new int[] {first, last};
    }
}
