package io.hyperrep.service.evaluator;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.sample.AnchorSelection;
import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.kafka.KafkaFailures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Evaluates the valid models of one poll: models of the same snapshot, architecture, epoch window (the one
 * their autoencoder trained on, as the model records it) and anchor selection (as its sampler parameters record
 * it) form one population, scored against that snapshot's training reference, and each model's scores, with the
 * reference's accuracies to compare them with, become its {@link EvaluatedModel}. A group whose reference cannot be built (unknown snapshot, too few models)
 * fails alone, with the reason; Kafka trouble while building it ({@link KafkaFailures}) fails the whole
 * batch, to be read again. No Kafka clients, no Vert.x.
 */
final class BatchEvaluation {

    /** Where training references come from ({@link ReferenceSource} in production). */
    interface References {
        /**
         * The reference of the training checkpoints in the snapshot's last {@code epochWindow} epochs, with the anchors
         * {@code anchors} chooses among them (null: none).
         *
         * @throws IllegalArgumentException when the snapshot cannot serve as a reference
         */
        TrainingReference of(String snapshotId, Architecture arch, int epochWindow, AnchorSelection anchors);
    }

    /** What happened to one model. */
    sealed interface Outcome {}

    record Evaluated(EvaluatedModel event) implements Outcome {}

    record Failed(String reason, String message) implements Outcome {}

    /** The reason of a model whose snapshot cannot serve as its training reference. */
    static final String NO_REFERENCE = "NO_REFERENCE";

    private BatchEvaluation() {}

    /** One outcome per model, in input order. */
    static List<Outcome> run(
            List<GeneratedCheck.Valid> models,
            References references,
            ModelEvaluator evaluator,
            String evaluatorId,
            Instant now) {
        Outcome[] out = new Outcome[models.size()];
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < models.size(); i++) {
            GeneratedCheck.Valid v = models.get(i);
            groups.computeIfAbsent(
                            v.model().snapshotId() + "|" + v.arch().id() + "|"
                                    + v.model().epochWindowOrLegacy() + "|" + anchorSelection(v.model()),
                            k -> new ArrayList<>())
                    .add(i);
        }
        for (List<Integer> group : groups.values()) {
            GeneratedCheck.Valid first = models.get(group.get(0));
            TrainingReference ref;
            try {
                ref = references.of(
                        first.model().snapshotId(),
                        first.arch(),
                        first.model().epochWindowOrLegacy(),
                        anchorSelection(first.model()));
            } catch (IllegalArgumentException | IllegalStateException e) {
                if (KafkaFailures.isTransient(e)) {
                    throw e; // not the snapshot's fault: the batch fails and is read again
                }
                group.forEach(i -> out[i] = new Failed(NO_REFERENCE, e.getMessage()));
                continue;
            }
            float[][] weights = new float[group.size()][];
            long[] seeds = new long[group.size()];
            for (int j = 0; j < weights.length; j++) {
                GeneratedModel g = models.get(group.get(j)).model();
                weights[j] = models.get(group.get(j)).weights();
                seeds[j] = seedOf(g.sampleId());
            }
            List<ModelEvaluator.Scores> scores = evaluator.score(weights, seeds, ref);
            for (int j = 0; j < weights.length; j++) {
                out[group.get(j)] =
                        new Evaluated(event(models.get(group.get(j)).model(), scores.get(j), ref, evaluatorId, now));
            }
        }
        return Arrays.asList(out);
    }

    static EvaluatedModel event(
            GeneratedModel g, ModelEvaluator.Scores s, TrainingReference ref, String evaluatorId, Instant now) {
        return new EvaluatedModel(
                g.sampleId(),
                g.zooId(),
                g.versionId(),
                g.method(),
                s.accuracy(),
                s.loss(),
                s.nearestDistance(),
                s.relativeNovelty(),
                s.maxErrorIoU(),
                s.finetuneAccuracy(),
                evaluatorId,
                now.toString(),
                anchorMean(g, ref),
                ref.meanTestAccuracy());
    }

    /** The anchor selection the model's sampler parameters record; null when they record none or an invalid one. */
    static AnchorSelection anchorSelection(GeneratedModel g) {
        try {
            return AnchorSelection.fromParameters(g.samplerParameters()).orElse(null);
        } catch (IllegalArgumentException e) {
            return null; // its accuracy and novelty can still be measured; only the anchors are unknown
        }
    }

    /**
     * The anchors' mean accuracy, when the anchors chosen again are as many as the sampler says it chose: a different
     * count means other checkpoints, and a wrong reference is worse than none.
     */
    private static Double anchorMean(GeneratedModel g, TrainingReference ref) {
        if (ref.anchors() == null) {
            return null;
        }
        String recorded =
                g.samplerParameters() == null ? null : g.samplerParameters().get("anchorCount");
        return recorded == null || recorded.equals(String.valueOf(ref.anchors().count()))
                ? ref.anchors().meanTestAccuracy()
                : null;
    }

    /** A model's fine-tuning seed (its data order), fixed by its id so that a re-evaluation repeats it. */
    static long seedOf(String sampleId) {
        return UUID.nameUUIDFromBytes(sampleId.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits()
                & Long.MAX_VALUE;
    }
}
