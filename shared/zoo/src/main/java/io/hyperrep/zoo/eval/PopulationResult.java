package io.hyperrep.zoo.eval;

import java.util.List;
import java.util.Map;

/**
 * Everything measured for one population.
 *
 * @param offered    models offered before the novelty gate and the --max-models cap
 * @param rejected   models the novelty gate rejected (0 without a gate)
 * @param curves     accuracy curve per task, the in-distribution task first (after epoch 0: the fine-tuned models only)
 * @param novelty    novelty of the evaluated models at epoch 0, in member order
 * @param ensembles  in-distribution ensemble accuracies per epoch (0 and the last), per ensemble size
 * @param tunedNovelty novelty of the fine-tuned models (the first of the population) per fine-tuning epoch, where measured (B_T)
 */
public record PopulationResult(
        String name,
        PopulationKind kind,
        List<String> memberIds,
        Map<String, String> lineage,
        int offered,
        int rejected,
        Map<String, AccuracyCurve> curves,
        NoveltyScores novelty,
        Map<Integer, List<Ensembles.Result>> ensembles,
        Map<Integer, NoveltyScores> tunedNovelty) {

    public PopulationResult {
        memberIds = List.copyOf(memberIds);
        lineage = Map.copyOf(lineage);
        curves = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(curves));
        ensembles = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(ensembles));
        tunedNovelty = java.util.Collections.unmodifiableMap(
                new java.util.TreeMap<>(tunedNovelty == null ? Map.of() : tunedNovelty));
    }

    public int size() {
        return memberIds.size();
    }

    /** The curve on {@code task}, or null when this population was not evaluated there. */
    public AccuracyCurve curve(String task) {
        return curves.get(task);
    }
}
