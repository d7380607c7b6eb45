package io.hyperrep.zoo.eval;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of an evaluation: every population's curves, novelty and ensembles, the training
 * split's own novelty (the reference distribution), and what was run.
 *
 * @param zoo             zoo lineage (id, architecture, window, split size)
 * @param task            the in-distribution task (the zoo's dataset)
 * @param testImages      test images every accuracy was measured on
 * @param finetuneImages  training images per fine-tuning epoch
 * @param training        training checkpoints against each other
 * @param seconds         wall-clock duration
 */
public record EvaluationResults(
        Map<String, String> zoo,
        EvaluationPlan plan,
        String task,
        int testImages,
        int finetuneImages,
        List<PopulationResult> populations,
        NoveltyScores training,
        double seconds) {

    public EvaluationResults {
        zoo = Map.copyOf(zoo);
        populations = List.copyOf(populations);
    }

    /** The population with this name, if any. */
    public Optional<PopulationResult> population(String name) {
        return populations.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Every task, the in-distribution one first. */
    public List<String> tasks() {
        java.util.List<String> t = new java.util.ArrayList<>();
        t.add(task);
        t.addAll(plan.transferTasks());
        return t;
    }
}
