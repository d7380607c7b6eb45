package io.hyperrep.zoo.eval;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Permutations;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.core.zoo.ZooRecipe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** The populations generated models are compared with (docs/METHOD.md §7.2, §9.2). */
public final class Baselines {

    public static final String SCRATCH = "B_T";
    public static final String ZOO_FINETUNED = "B_F";
    public static final String ANCHORS = "anchors";

    private Baselines() {}

    /**
     * B_T: one freshly initialised model per seed, exactly as the zoo initialises its own models;
     * fine-tuning them is training from scratch.
     */
    public static Population trainedFromScratch(ZooRecipe recipe, long[] seeds) {
        if (seeds.length == 0) {
            throw new IllegalArgumentException("B_T needs at least one seed");
        }
        Architecture arch = Architectures.byId(recipe.arch());
        float[][] w = new float[seeds.length][];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < seeds.length; i++) {
            w[i] = ModelSeeds.initialWeights(arch, recipe.init(), seeds[i]);
            ids.add("seed-" + seeds[i]);
        }
        Map<String, String> lineage = new LinkedHashMap<>();
        lineage.put(
                "source",
                "fresh " + recipe.init().id() + " initialisation, seeds " + seeds[0] + ".." + seeds[seeds.length - 1]);
        return new Population(SCRATCH, PopulationKind.SCRATCH, ids, w, lineage);
    }

    /** B_F: the first {@code n} training-split models (by model id) at their latest checkpoint in the window. */
    public static Population zooFinetuned(ZooReference zoo, int n) {
        List<Checkpoint> last = zoo.lastEpochPerModel();
        List<Checkpoint> chosen = last.subList(0, Math.min(n, last.size()));
        Map<String, String> lineage = new LinkedHashMap<>();
        lineage.put(
                "source",
                "zoo " + zoo.spec().zooId() + " training split, latest epoch in " + zoo.firstEpoch() + "-"
                        + zoo.lastEpoch());
        return fromCheckpoints(ZOO_FINETUNED, PopulationKind.ZOO_FINETUNED, chosen, lineage);
    }

    /** The anchors themselves: {@code n} of them drawn without replacement (seeded), in anchor order. */
    public static Population anchors(List<Checkpoint> anchors, int n, long seed) {
        requireAnchors(anchors);
        int[] pick = Permutations.shuffled(anchors.size(), new SplittableRandom(seed));
        int[] first = java.util.Arrays.copyOf(pick, Math.min(n, anchors.size()));
        java.util.Arrays.sort(first);
        List<Checkpoint> chosen = new ArrayList<>();
        for (int i : first) {
            chosen.add(anchors.get(i));
        }
        Map<String, String> lineage = new LinkedHashMap<>();
        lineage.put("source", chosen.size() + " of " + anchors.size() + " anchor checkpoints");
        return fromCheckpoints(ANCHORS, PopulationKind.ANCHORS, chosen, lineage);
    }

    /**
     * Noise baseline: {@code n} models, each an anchor (cycled through in a seeded order) plus i.i.d.
     * N(0, σ²) on every parameter. The study adds the noise to the AE's reconstructions of the anchors;
     * this adds it to the anchors themselves, which does not depend on a particular autoencoder.
     */
    public static Population noise(List<Checkpoint> anchors, double sigma, int n, long seed) {
        requireAnchors(anchors);
        if (!(sigma > 0) || n <= 0) {
            throw new IllegalArgumentException(
                    "a noise baseline needs sigma > 0 and n > 0, got sigma " + sigma + ", n " + n);
        }
        SplittableRandom rnd = new SplittableRandom(seed ^ Double.doubleToLongBits(sigma));
        int[] order = Permutations.shuffled(anchors.size(), rnd.split());
        float[][] w = new float[n][];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Checkpoint a = anchors.get(order[i % order.length]);
            float[] x = a.weights().clone();
            for (int j = 0; j < x.length; j++) {
                x[j] += (float) (sigma * rnd.nextGaussian());
            }
            w[i] = x;
            ids.add(String.format(Locale.ROOT, "n%04d-%s-e%d", i, a.modelId(), a.epoch()));
        }
        Map<String, String> lineage = new LinkedHashMap<>();
        lineage.put("source", "anchors + N(0, " + sigma + "^2) per parameter");
        lineage.put("sigma", String.valueOf(sigma));
        return new Population(noiseName(sigma), PopulationKind.NOISE, ids, w, lineage);
    }

    /** {@code noise-0.02} for σ = 0.02. */
    public static String noiseName(double sigma) {
        return "noise-"
                + java.math.BigDecimal.valueOf(sigma).stripTrailingZeros().toPlainString();
    }

    private static Population fromCheckpoints(
            String name, PopulationKind kind, List<Checkpoint> cs, Map<String, String> lineage) {
        float[][] w = cs.stream().map(Checkpoint::weights).toArray(float[][]::new);
        List<String> ids = cs.stream().map(c -> c.modelId() + "-e" + c.epoch()).toList();
        return new Population(name, kind, ids, w, lineage);
    }

    private static void requireAnchors(List<Checkpoint> anchors) {
        if (anchors == null || anchors.isEmpty()) {
            throw new IllegalArgumentException("no anchor checkpoints to build a baseline from");
        }
    }
}
