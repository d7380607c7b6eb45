package io.hyperrep.service.registry;

import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.TrainingJob;
import io.hyperrep.events.Snapshot;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The links of the lineage above the models: autoencoder versions, training jobs and snapshots, by id,
 * folded from their topics. One of each per training run, orders of magnitude fewer than models, so
 * they are kept whole. The versions topic is compacted by zoo, so an old version may be gone after a
 * restart; a model's own record then still names its artifact and job. Thread-safe.
 */
final class LineageCatalog {

    private final Map<String, AutoencoderVersion> versions = new HashMap<>();
    private final Map<String, TrainingJob> jobs = new HashMap<>();
    private final Map<String, Snapshot> snapshots = new HashMap<>();

    synchronized void version(AutoencoderVersion v) {
        versions.put(v.versionId(), v);
    }

    synchronized void job(TrainingJob j) {
        jobs.putIfAbsent(j.jobId(), j);
    }

    synchronized void snapshot(Snapshot s) {
        snapshots.putIfAbsent(s.id(), s);
    }

    synchronized Optional<AutoencoderVersion> version(String id) {
        return Optional.ofNullable(id == null ? null : versions.get(id));
    }

    synchronized Optional<TrainingJob> job(String id) {
        return Optional.ofNullable(id == null ? null : jobs.get(id));
    }

    synchronized Optional<Snapshot> snapshot(String id) {
        return Optional.ofNullable(id == null ? null : snapshots.get(id));
    }
}
