package io.hyperrep.core.hyper;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Permutations;
import io.hyperrep.core.zoo.Checkpoint;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The training data of a hyper-representation (docs/METHOD.md §1.1-1.2): checkpoints of one architecture
 * in an epoch window, split <em>by model</em> (all epochs of a model land in the same split) with a
 * fixed seed, after dropping unusable checkpoints. What was dropped, and why, is reported.
 */
public record CheckpointDataset(
        Architecture arch,
        List<Checkpoint> train,
        List<Checkpoint> validation,
        List<Checkpoint> test,
        Map<DropReason, Integer> dropped) {

    /** Why a checkpoint was left out. */
    public enum DropReason {
        OUTSIDE_EPOCH_WINDOW,
        NON_FINITE,
        OUTLIER
    }

    /** Split fractions, seed, epoch window and outlier bound of a dataset. */
    public record Options(
            double trainFraction,
            double validationFraction,
            long seed,
            int firstEpoch,
            int lastEpoch,
            double maxAbsWeight) {
        public Options {
            if (!(trainFraction > 0 && validationFraction >= 0 && trainFraction + validationFraction < 1)) {
                throw new IllegalArgumentException(
                        "fractions must satisfy train > 0, validation >= 0, train + validation < 1");
            }
            if (firstEpoch < 0 || lastEpoch < firstEpoch) {
                throw new IllegalArgumentException("epoch window " + firstEpoch + ".." + lastEpoch + " is empty");
            }
            if (!(maxAbsWeight > 0)) {
                throw new IllegalArgumentException("outlier bound must be positive");
            }
        }

        /** 70/15/15 with seed 42 (as ModelDatasetBase), every epoch in {@code first..last}, |w| <= 100. */
        public static Options standard(int firstEpoch, int lastEpoch) {
            return new Options(0.7, 0.15, 42, firstEpoch, lastEpoch, 100);
        }
    }

    /**
     * Builds the dataset.
     *
     * @throws IllegalArgumentException if the checkpoints mix architectures or a split ends up empty
     */
    public static CheckpointDataset of(List<Checkpoint> checkpoints, Options o) {
        if (checkpoints.isEmpty()) {
            throw new IllegalArgumentException("no checkpoints to build a dataset from");
        }
        TreeSet<String> archs = new TreeSet<>();
        checkpoints.forEach(c -> archs.add(c.arch() + "/" + c.layoutHash()));
        if (archs.size() > 1) {
            throw new IllegalArgumentException(
                    "the zoo mixes architectures " + archs + "; a hyper-representation learns one architecture");
        }
        Architecture arch = Architectures.byId(checkpoints.get(0).arch());
        Map<DropReason, Integer> dropped = new EnumMap<>(DropReason.class);
        Map<String, List<Checkpoint>> byModel = new TreeMap<>();
        for (Checkpoint c : checkpoints) {
            DropReason r = reject(c, o);
            if (r != null) {
                dropped.merge(r, 1, Integer::sum);
            } else {
                byModel.computeIfAbsent(c.zooId() + "/" + c.modelId(), k -> new ArrayList<>())
                        .add(c);
            }
        }
        List<String> models = new ArrayList<>(byModel.keySet());
        int[] perm = Permutations.shuffled(models.size(), new SplittableRandom(o.seed()));
        int nTrain = (int) Math.round(models.size() * o.trainFraction());
        int nVal = (int) Math.round(models.size() * o.validationFraction());
        List<Checkpoint> train = new ArrayList<>();
        List<Checkpoint> val = new ArrayList<>();
        List<Checkpoint> test = new ArrayList<>();
        for (int i = 0; i < perm.length; i++) {
            List<Checkpoint> target = i < nTrain ? train : i < nTrain + nVal ? val : test;
            target.addAll(byModel.get(models.get(perm[i])));
        }
        if (train.isEmpty() || (o.validationFraction() > 0 && val.isEmpty()) || test.isEmpty()) {
            throw new IllegalArgumentException(
                    models.size() + " usable models give an empty split (train " + train.size() + ", validation "
                            + val.size() + ", test " + test.size() + " checkpoints); dropped: " + dropped);
        }
        return new CheckpointDataset(
                arch, List.copyOf(train), List.copyOf(val), List.copyOf(test), Map.copyOf(dropped));
    }

    private static DropReason reject(Checkpoint c, Options o) {
        if (c.epoch() < o.firstEpoch() || c.epoch() > o.lastEpoch()) {
            return DropReason.OUTSIDE_EPOCH_WINDOW;
        }
        for (float w : c.weights()) {
            if (!Float.isFinite(w)) {
                return DropReason.NON_FINITE;
            }
            if (Math.abs(w) > o.maxAbsWeight()) {
                return DropReason.OUTLIER;
            }
        }
        return null;
    }

    /** A one-line account, e.g. {@code train 350 / validation 75 / test 75 checkpoints; dropped {...}}. */
    public String describe() {
        Map<String, Integer> d = new LinkedHashMap<>();
        dropped.forEach((k, v) -> d.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
        return "train " + train.size() + " / validation " + validation.size() + " / test " + test.size()
                + " checkpoints of " + arch.id() + "; dropped " + (d.isEmpty() ? "none" : d);
    }
}
