package io.hyperrep.core.hyper;

import io.hyperrep.core.zoo.Checkpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Which zoo epochs an autoencoder trains on: the last {@code size} consecutive trained epochs present.
 * The trainer picks its training data with it, and the sampler and evaluator use it to find the same
 * training checkpoints again from the snapshot alone.
 */
public final class EpochWindow {

    private EpochWindow() {}

    /** {first, last} of the window; epoch 0 (initialisation) never counts. */
    public static int[] lastConsecutive(Collection<Checkpoint> checkpoints, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("epoch window size must be >= 1, got " + size);
        }
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

    /**
     * The autoencoder's dataset for a snapshot's checkpoints of one zoo: the window of the last
     * {@code size} epochs, split by model as {@link CheckpointDataset.Options#standard} does. The splits
     * list checkpoints in key order (model, then epoch), so whoever rebuilds them from a snapshot gets
     * them in the same order, whatever order the topic was read in.
     */
    public static CheckpointDataset dataset(Collection<Checkpoint> checkpoints, int size) {
        int[] w = lastConsecutive(checkpoints, size);
        List<Checkpoint> sorted = new ArrayList<>(checkpoints);
        sorted.sort(Comparator.comparing(Checkpoint::zooId)
                .thenComparing(Checkpoint::modelId)
                .thenComparingInt(Checkpoint::epoch));
        return CheckpointDataset.of(sorted, CheckpointDataset.Options.standard(w[0], w[1]));
    }
}
