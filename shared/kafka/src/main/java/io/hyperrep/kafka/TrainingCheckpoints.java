package io.hyperrep.kafka;

import io.hyperrep.core.hyper.CheckpointDataset;
import io.hyperrep.core.hyper.EpochWindow;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * An autoencoder's dataset rebuilt from what Kafka keeps: the snapshot's checkpoints of one zoo (the
 * dataset topic up to the snapshot's end offsets) in the trainer's epoch window and split. The sampler
 * anchors its samplers on the training split, the registry lists it as a model's lineage, and
 * {@code hyperrep reproduce} rebuilds the anchors from it. Blocking; call it from a worker thread.
 */
public final class TrainingCheckpoints {

    private TrainingCheckpoints() {}

    /**
     * The dataset of {@code zooId}'s checkpoints in {@code snapshot} with the last {@code window} epochs.
     *
     * @throws IllegalArgumentException if the snapshot holds no checkpoints of the zoo
     * @throws KafkaUnavailableException if the dataset topic cannot be read up to the snapshot's offsets
     */
    public static CheckpointDataset rebuild(KafkaClients kafka, Snapshot snapshot, String zooId, int window) {
        List<Checkpoint> all = new ArrayList<>();
        for (var e : DatasetReader.read(
                kafka, snapshot.topic(), snapshot.endOffsets(), k -> k.startsWith(zooId + "/"), true)) {
            all.add(CheckpointCodec.decode(e.value()));
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("snapshot " + snapshot.id() + " holds no checkpoints of zoo " + zooId);
        }
        return EpochWindow.dataset(all, window);
    }
}
