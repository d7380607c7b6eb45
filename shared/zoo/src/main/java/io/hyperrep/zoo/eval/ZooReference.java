package io.hyperrep.zoo.eval;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.hyper.CheckpointDataset;
import io.hyperrep.core.sample.AnchorSelection;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.zoo.ZooDirectory;
import io.hyperrep.zoo.ZooException;
import io.hyperrep.zoo.ZooSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The zoo side of an evaluation: its recipe and the training split a hyper-representation learned
 * from (the same by-model 70/15/15 split with seed 42 as {@code hyper train}, over the same epoch
 * window). Novelty is measured against this split, B_F and the anchors come from it.
 *
 * @param train the training-split checkpoints in the window, ordered by model then epoch
 */
public record ZooReference(ZooSpec spec, Architecture arch, int firstEpoch, int lastEpoch, List<Checkpoint> train) {

    /** Seeds of B_T start at or above this, so they never coincide with a zoo model's seed. */
    static final long FRESH_SEED_BASE = 1_000_000_001L;

    public ZooReference {
        train = List.copyOf(train);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("the zoo's training split is empty");
        }
    }

    /** Opens the zoo with the default window: its kept epochs except 0, as {@code hyper train} uses. */
    public static ZooReference load(ZooDirectory dir) {
        return load(dir, defaultWindow(dir.spec()));
    }

    /** Opens the zoo with the epoch window {@code window[0]..window[1]}. */
    public static ZooReference load(ZooDirectory dir, int[] window) {
        List<Checkpoint> all = dir.readAll();
        if (all.isEmpty()) {
            throw new ZooException(dir.root() + " holds no checkpoints yet");
        }
        return of(dir.spec(), all, window[0], window[1]);
    }

    /** The reference from already loaded checkpoints. */
    public static ZooReference of(ZooSpec spec, List<Checkpoint> all, int firstEpoch, int lastEpoch) {
        CheckpointDataset data;
        try {
            data = CheckpointDataset.of(all, CheckpointDataset.Options.standard(firstEpoch, lastEpoch));
        } catch (IllegalArgumentException e) {
            throw new ZooException("cannot split zoo " + spec.zooId() + " (epochs " + firstEpoch + "-" + lastEpoch
                    + "): " + e.getMessage());
        }
        if (!data.arch().id().equals(spec.recipe().arch())) {
            throw new ZooException(
                    "zoo " + spec.zooId() + " declares " + spec.recipe().arch() + " but its checkpoints are "
                            + data.arch().id());
        }
        List<Checkpoint> train = new ArrayList<>(data.train());
        train.sort(Comparator.comparing(Checkpoint::modelId).thenComparingInt(Checkpoint::epoch));
        return new ZooReference(spec, data.arch(), firstEpoch, lastEpoch, train);
    }

    /** The zoo's kept epochs except 0, as a window {first, last}. */
    public static int[] defaultWindow(ZooSpec spec) {
        SortedSet<Integer> kept = new TreeSet<>(spec.keepEpochs());
        kept.remove(0);
        if (kept.isEmpty()) {
            throw new ZooException("zoo " + spec.zooId() + " keeps no trained epochs; pass an epoch window");
        }
        return new int[] {kept.first(), kept.last()};
    }

    /** Every training-split model's latest checkpoint in the window, ordered by model id (B_F's source). */
    public List<Checkpoint> lastEpochPerModel() {
        Map<String, Checkpoint> last = new TreeMap<>();
        for (Checkpoint c : train) {
            last.merge(c.modelId(), c, (a, b) -> a.epoch() >= b.epoch() ? a : b);
        }
        return List.copyOf(last.values());
    }

    /** The anchor checkpoints among the training split, in split order. */
    public List<Checkpoint> anchors(AnchorSelection selection) {
        return selection.select(train, Checkpoint::metrics, Checkpoint::modelId);
    }

    /** The training split's weights, one row per checkpoint. */
    public float[][] trainWeights() {
        return train.stream().map(Checkpoint::weights).toArray(float[][]::new);
    }

    /** Model index of each training checkpoint, so that a run's own epochs are not its neighbours. */
    public int[] trainGroups() {
        Map<String, Integer> index = new HashMap<>();
        return train.stream()
                .mapToInt(c -> index.computeIfAbsent(c.modelId(), k -> index.size()))
                .toArray();
    }

    /** Number of distinct models in the training split. */
    public int trainModels() {
        return (int) train.stream().map(Checkpoint::modelId).distinct().count();
    }

    /**
     * {@code n} seeds that no zoo model uses: B_T's initialisations, and every population's data order
     * (model i of each population sees the same image order, so populations differ only in their start).
     */
    public long[] freshSeeds(int n) {
        long start = Math.max(FRESH_SEED_BASE, spec.firstSeed() + spec.models());
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = start + i;
        }
        return s;
    }

    /** Zoo id, architecture, window and split size, for lineage. */
    public Map<String, String> lineage() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("zooId", spec.zooId());
        m.put("arch", arch.id());
        m.put("dataset", spec.recipe().dataset());
        m.put("epochWindow", firstEpoch + "-" + lastEpoch);
        m.put("trainCheckpoints", String.valueOf(train.size()));
        m.put("trainModels", String.valueOf(trainModels()));
        return m;
    }
}
