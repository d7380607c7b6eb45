package io.hyperrep.service.evaluator;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.hyper.EpochWindow;
import io.hyperrep.core.sample.AnchorSelection;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.Snapshot;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.DatasetReader;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.SnapshotLog;
import io.hyperrep.service.runtime.RecentlyUsed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link TrainingReference} of a snapshot, built from the system's records: the snapshot event
 * gives the dataset offsets, the dataset topic the checkpoints, and the epoch window the generated model
 * names (its autoencoder's) and the trainer's split the ones the autoencoder trained on. The last few are kept: generated models arrive in
 * bursts per version. Blocking (Kafka reads, ND4J): worker threads only.
 */
final class ReferenceSource implements BatchEvaluation.References {

    private static final int CACHED_SNAPSHOTS = 4;

    private final KafkaClients kafka;
    private final SnapshotLog snapshots;
    private final ModelEvaluator evaluator;
    private final Map<String, TrainingReference> cache = RecentlyUsed.map(CACHED_SNAPSHOTS);

    ReferenceSource(KafkaClients kafka, ModelEvaluator evaluator) {
        this.kafka = kafka;
        this.snapshots = new SnapshotLog(kafka);
        this.evaluator = evaluator;
    }

    @Override
    public synchronized TrainingReference of(
            String snapshotId, Architecture arch, int epochWindow, AnchorSelection anchors) {
        if (snapshotId == null) {
            throw new IllegalArgumentException(
                    "the model names no snapshot, so there is nothing to measure its novelty against");
        }
        String key = snapshotId + "|" + epochWindow + "|" + anchors;
        TrainingReference ref = cache.get(key);
        if (ref == null) {
            Snapshot s = snapshots
                    .find(snapshotId)
                    .orElseThrow(() ->
                            new IllegalArgumentException("snapshot " + snapshotId + " is not in " + Topics.SNAPSHOTS));
            List<Checkpoint> all = new ArrayList<>();
            for (var e :
                    DatasetReader.read(kafka, s.topic(), s.endOffsets(), k -> k.startsWith(s.zooId() + "/"), true)) {
                all.add(CheckpointCodec.decode(e.value()));
            }
            if (all.isEmpty()) {
                throw new IllegalArgumentException(
                        "snapshot " + snapshotId + " holds no checkpoints of zoo " + s.zooId());
            }
            ref = evaluator.reference(
                    snapshotId, arch, EpochWindow.dataset(all, epochWindow).train(), anchors);
            cache.put(key, ref);
        }
        if (!ref.arch().equals(arch)) {
            throw new IllegalArgumentException(
                    "snapshot " + snapshotId + " holds " + ref.arch().id() + " models, not " + arch.id());
        }
        return ref;
    }
}
