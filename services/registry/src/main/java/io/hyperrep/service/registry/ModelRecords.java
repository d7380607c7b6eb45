package io.hyperrep.service.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.EventFormatException;
import io.hyperrep.events.ModelExport;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.KafkaUnavailableException;
import io.hyperrep.kafka.RecordFetcher;
import io.hyperrep.kafka.TrainingCheckpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the registry reads from Kafka when a model is asked for: its generated and evaluated records at
 * the positions the index keeps, and the training checkpoints of its lineage (rebuilt from the snapshot;
 * the last few are kept, since rebuilding reads the snapshot's part of the dataset topic). Blocking; the
 * verticle calls it on worker threads.
 */
final class ModelRecords implements AutoCloseable {

    private static final int CACHED_TRAINING_SETS = 8;

    /** A record the index points at is no longer in its topic. */
    static final class Gone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Gone(String message) {
            super(message);
        }
    }

    private final KafkaClients kafka;
    private final RecordFetcher fetcher;
    private final LineageCatalog catalog;
    private final Map<String, List<ModelDocuments.TrainingCheckpoint>> trainingSets =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<ModelDocuments.TrainingCheckpoint>> eldest) {
                    return size() > CACHED_TRAINING_SETS;
                }
            };

    ModelRecords(KafkaClients kafka, String clientId, LineageCatalog catalog) {
        this.kafka = kafka;
        this.fetcher = new RecordFetcher(kafka, clientId, Duration.ofSeconds(15));
        this.catalog = catalog;
    }

    /** The model's weights in {@code format}. */
    byte[] export(ModelIndex.Located at, ModelExport.Format format) {
        return ModelExport.of(generated(at), evaluation(at), format);
    }

    /** The model's lineage document. */
    ObjectNode lineage(ModelIndex.Located at) {
        GeneratedModel g = generated(at);
        Lineage l = Lineage.resolve(g, catalog);
        List<ModelDocuments.TrainingCheckpoint> training = null;
        String trainingError = null;
        if (l.snapshot().isPresent()) {
            try {
                training = trainingSet(l);
            } catch (IllegalArgumentException | KafkaUnavailableException | EventFormatException e) {
                trainingError = "cannot rebuild the training checkpoints from snapshot " + l.snapshotId() + ": "
                        + e.getMessage();
            }
        } else {
            trainingError = "the snapshot is unknown, so its checkpoints are too";
        }
        return ModelDocuments.lineage(l, at, Topics.GENERATED, evaluation(at), training, trainingError);
    }

    private List<ModelDocuments.TrainingCheckpoint> trainingSet(Lineage l) {
        String key = l.snapshotId() + "|" + l.model().zooId() + "|" + l.epochWindow();
        synchronized (trainingSets) {
            List<ModelDocuments.TrainingCheckpoint> cached = trainingSets.get(key);
            if (cached != null) {
                return cached;
            }
        }
        List<ModelDocuments.TrainingCheckpoint> list = new ArrayList<>();
        for (Checkpoint c : TrainingCheckpoints.rebuild(
                        kafka, l.snapshot().get(), l.model().zooId(), l.epochWindow())
                .train()) {
            list.add(new ModelDocuments.TrainingCheckpoint(c.key(), c.weightsSha256()));
        }
        List<ModelDocuments.TrainingCheckpoint> kept = List.copyOf(list);
        synchronized (trainingSets) {
            trainingSets.put(key, kept);
        }
        return kept;
    }

    private GeneratedModel generated(ModelIndex.Located at) {
        return fetcher.fetch(Topics.GENERATED, at.generatedPartition(), at.generatedOffset())
                .filter(r -> r.value() != null)
                .map(r -> PipelineEvents.GENERATED_MODEL.decode(r.value()))
                .orElseThrow(() ->
                        new Gone("the generated record of '" + at.summary().sampleId() + "' is no longer at "
                                + Topics.GENERATED + "/" + at.generatedPartition() + "@" + at.generatedOffset()));
    }

    /** The model's evaluation, if it has one still in the topic. */
    private EvaluatedModel evaluation(ModelIndex.Located at) {
        if (!at.hasEvaluated()) {
            return null;
        }
        return fetcher.fetch(Topics.EVALUATED, at.evaluatedPartition(), at.evaluatedOffset())
                .filter(r -> r.value() != null)
                .map(r -> PipelineEvents.EVALUATED_MODEL.decode(r.value()))
                .orElse(null);
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
