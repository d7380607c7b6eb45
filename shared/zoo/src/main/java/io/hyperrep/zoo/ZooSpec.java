package io.hyperrep.zoo;

import io.hyperrep.core.zoo.ZooRecipe;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a zoo directory holds and how it was made: the recipe, how many models (seeds
 * {@code firstSeed .. firstSeed+models-1}) trained for how many epochs, and which epochs' checkpoints
 * are kept (metrics are kept for every epoch). {@code trainImages} limits each epoch to the first N
 * images of the training split (0 = all), for demos and tests.
 *
 * <p>The source of diversity: by default each model's seed fixes both its initialisation and its data
 * orders. With {@code sharedInitSeed} every model starts from the one initialisation of that seed and
 * models differ only in data order (their own seed) — the zoo kind an autoencoder can generalise over
 * (docs/results/zoo-recipe.md).
 *
 * @param sharedInitSeed null: a seed per model initialisation; else the seed of the one shared initialisation
 */
public record ZooSpec(
        String zooId,
        ZooRecipe recipe,
        int models,
        int epochs,
        long firstSeed,
        int groupSize,
        SortedSet<Integer> keepEpochs,
        int trainImages,
        Long sharedInitSeed) {

    // Kept apart (duplicates): the common case's constructor, used by lab commands and tests outside this change.
    /** A zoo whose models each start from their own seed's initialisation. */
    public ZooSpec(
            String zooId,
            ZooRecipe recipe,
            int models,
            int epochs,
            long firstSeed,
            int groupSize,
            SortedSet<Integer> keepEpochs,
            int trainImages) {
        this(zooId, recipe, models, epochs, firstSeed, groupSize, keepEpochs, trainImages, null);
    }

    public ZooSpec {
        if (zooId == null || !zooId.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new IllegalArgumentException(
                    "zoo id must be 1-128 characters of [A-Za-z0-9._-], got '" + zooId + "'");
        }
        if (models <= 0 || models > 100_000) {
            throw new IllegalArgumentException("--models must be in 1..100000, got " + models);
        }
        if (epochs <= 0 || epochs > 1000) {
            throw new IllegalArgumentException("--epochs must be in 1..1000, got " + epochs);
        }
        if (groupSize <= 0 || groupSize > 1024) {
            throw new IllegalArgumentException("--group-size must be in 1..1024, got " + groupSize);
        }
        if (trainImages < 0) {
            throw new IllegalArgumentException("--train-images must be >= 0 (0 = all), got " + trainImages);
        }
        keepEpochs = keepEpochs == null || keepEpochs.isEmpty() ? allEpochs(epochs) : new TreeSet<>(keepEpochs);
        for (int e : keepEpochs) {
            if (e < 0 || e > epochs) {
                throw new IllegalArgumentException("kept epoch " + e + " is outside 0.." + epochs);
            }
        }
    }

    /** Seed of model {@code index}. */
    public long seed(int index) {
        return firstSeed + index;
    }

    /** Seed of model {@code index}'s initial weights: the shared one, or its own seed. */
    public long initSeed(int index) {
        return sharedInitSeed != null ? sharedInitSeed : seed(index);
    }

    /** Model id of model {@code index}, e.g. {@code m0007}. */
    public static String modelId(int index) {
        return String.format("m%04d", index);
    }

    /** Number of population groups the models are trained in. */
    public int groups() {
        return (models + groupSize - 1) / groupSize;
    }

    private static SortedSet<Integer> allEpochs(int epochs) {
        SortedSet<Integer> s = new TreeSet<>();
        for (int e = 0; e <= epochs; e++) {
            s.add(e);
        }
        return s;
    }

    /** Parses an epoch list such as {@code 0,6-10}. */
    public static SortedSet<Integer> parseEpochs(String s) {
        SortedSet<Integer> out = new TreeSet<>();
        if (s == null || s.isBlank()) {
            return out;
        }
        for (String part : s.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-');
                if (dash > 0) {
                    int a = Integer.parseInt(p.substring(0, dash).trim());
                    int b = Integer.parseInt(p.substring(dash + 1).trim());
                    if (b < a) {
                        throw new IllegalArgumentException("epoch range '" + p + "' runs backwards");
                    }
                    for (int e = a; e <= b; e++) {
                        out.add(e);
                    }
                } else {
                    out.add(Integer.parseInt(p));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p + "' is not an epoch or a range like 6-10");
            }
        }
        return out;
    }
}
