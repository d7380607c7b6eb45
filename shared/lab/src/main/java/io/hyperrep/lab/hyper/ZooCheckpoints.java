package io.hyperrep.lab.hyper;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.zoo.ZooDirectory;
import io.hyperrep.zoo.ZooSpec;
import java.util.List;
import java.util.SortedSet;

/** The checkpoints of a zoo directory an autoencoder is applied to: optionally an epoch window, always one architecture. */
final class ZooCheckpoints {

    private ZooCheckpoints() {}

    /**
     * Checkpoints of {@code zoo} in {@code window} (e.g. {@code 4-8}; null = all), which must be of {@code arch}.
     *
     * @throws IllegalArgumentException if none are selected or one is of another architecture
     */
    static List<Checkpoint> select(ZooDirectory zoo, String window, Architecture arch) {
        SortedSet<Integer> epochs = window == null ? null : ZooSpec.parseEpochs(window);
        List<Checkpoint> out = zoo.readAll().stream()
                .filter(c -> epochs == null || epochs.contains(c.epoch()))
                .toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException(
                    zoo.root() + " has no checkpoints" + (window == null ? "" : " in epochs " + window));
        }
        for (Checkpoint c : out) {
            if (!c.arch().equals(arch.id()) || !c.layoutHash().equals(arch.layoutHash())) {
                throw new IllegalArgumentException(
                        c.key() + " is a " + c.arch() + " checkpoint; the autoencoder was trained on " + arch.id());
            }
        }
        return out;
    }

    static float[][] weights(List<Checkpoint> checkpoints) {
        return checkpoints.stream().map(Checkpoint::weights).toArray(float[][]::new);
    }
}
