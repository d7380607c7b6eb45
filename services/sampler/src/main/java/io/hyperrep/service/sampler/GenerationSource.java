package io.hyperrep.service.sampler;

import io.hyperrep.core.io.ArtifactStore;
import io.hyperrep.core.sample.AnchorSelection;
import io.hyperrep.core.sample.Samplers;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.EventFormatException;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.Snapshot;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.DatasetReader;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.SnapshotLog;
import io.hyperrep.kafka.TrainingCheckpoints;
import io.hyperrep.ml.hyper.HyperRepresentation;
import io.hyperrep.service.runtime.RecentlyUsed;
import io.hyperrep.zoo.generate.Generation;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the {@link Generation} of an autoencoder version from what the system stores: the artifact
 * (verified against its address) and the training checkpoints, rebuilt from the version's dataset
 * snapshot with the epoch window the version records and the trainer's split. The last few are kept, so requests against a
 * zoo's latest version do not encode its zoo again. Blocking (Kafka reads, files, ND4J): worker threads only.
 */
final class GenerationSource {

    private static final int CACHED_VERSIONS = 4;

    private final KafkaClients kafka;
    private final ArtifactStore store;
    private final SnapshotLog snapshots;
    private final Samplers samplers;
    private final Map<String, Generation> cache = RecentlyUsed.map(CACHED_VERSIONS);

    GenerationSource(KafkaClients kafka, ArtifactStore store, Samplers samplers) {
        this.kafka = kafka;
        this.store = store;
        this.snapshots = new SnapshotLog(kafka);
        this.samplers = samplers;
    }

    /**
     * The generation of {@code v}.
     *
     * @throws IllegalArgumentException if the artifact or the snapshot cannot be found or do not fit
     */
    synchronized Generation of(AutoencoderVersion v) {
        Generation g = cache.get(v.versionId());
        if (g == null) {
            HyperRepresentation ae = HyperRepresentation.load(store.get(v.sha256()));
            int w = v.epochWindowOrLegacy();
            g = Generation.prepare(
                    v, Generation.Autoencoder.of(ae), training(v, w), w, AnchorSelection.defaults(), samplers);
            cache.put(v.versionId(), g);
        }
        return g;
    }

    /** The checkpoints the version's autoencoder was trained on. */
    private List<Checkpoint> training(AutoencoderVersion v, int w) {
        if (v.snapshotId() == null) {
            throw new IllegalArgumentException(
                    "version " + v.versionId() + " names no snapshot, so its training checkpoints are unknown");
        }
        Snapshot s = snapshots
                .find(v.snapshotId())
                .orElseThrow(() -> new IllegalArgumentException("snapshot " + v.snapshotId() + " of version "
                        + v.versionId() + " is not in " + Topics.SNAPSHOTS));
        return TrainingCheckpoints.rebuild(kafka, s, v.zooId(), w).train();
    }

    /** The latest autoencoder version of every zoo, as the compacted versions topic holds them now. */
    Map<String, AutoencoderVersion> latestVersions() {
        var entries = DatasetReader.read(
                kafka, Topics.AUTOENCODERS, DatasetReader.endOffsets(kafka, Topics.AUTOENCODERS), k -> true, true);
        entries.sort(Comparator.comparingLong(DatasetReader.Entry::offset));
        Map<String, AutoencoderVersion> latest = new TreeMap<>();
        for (var e : entries) {
            try {
                AutoencoderVersion v = PipelineEvents.AUTOENCODER.decode(e.value());
                latest.put(v.zooId(), v);
            } catch (EventFormatException ignored) {
                // a malformed version is nobody's latest
            }
        }
        return latest;
    }
}
