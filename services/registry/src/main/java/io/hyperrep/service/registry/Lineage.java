package io.hyperrep.service.registry;

import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.PipelineEvents.TrainingJob;
import io.hyperrep.events.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generated model's lineage resolved link by link (docs/EVENTS.md): the model's own record first,
 * then the version, job and snapshot it names, each from the catalog when its record is there. Where a
 * link can only be followed through another (the job through the version for records from before the
 * model carried its job) that is done; where it cannot be followed at all, {@link #missing} says why.
 *
 * @param windowSource where the epoch window comes from: {@code model}, {@code version}, or {@code assumed}
 *                     ({@link PipelineEvents#LEGACY_EPOCH_WINDOW}, for records from before the field)
 */
record Lineage(
        GeneratedModel model,
        Optional<AutoencoderVersion> version,
        String autoencoderSha256,
        String jobId,
        Optional<TrainingJob> job,
        String snapshotId,
        Optional<Snapshot> snapshot,
        int epochWindow,
        String windowSource,
        Integer count,
        List<String> missing) {

    private static final Pattern RUN = Pattern.compile("/n(\\d+)/(\\d+)$");

    static Lineage resolve(GeneratedModel g, LineageCatalog catalog) {
        List<String> missing = new ArrayList<>();
        Optional<AutoencoderVersion> v = catalog.version(g.versionId());
        if (v.isEmpty()) {
            missing.add("autoencoder version " + g.versionId()
                    + ": no record on hyperrep.autoencoders (compacted: the topic keeps a zoo's " + "latest version)"
                    + (g.autoencoderSha256() != null ? "; the model's record names its artifact" : ""));
        }
        String sha = g.autoencoderSha256() != null
                ? g.autoencoderSha256()
                : v.map(AutoencoderVersion::sha256).orElse(null);
        if (sha == null) {
            missing.add(
                    "autoencoder artifact: the model's record predates autoencoderSha256 and its version's record is gone");
        } else if (g.autoencoderSha256() != null
                && v.isPresent()
                && !v.get().sha256().equals(g.autoencoderSha256())) {
            missing.add("autoencoder artifact: the model names " + g.autoencoderSha256() + ", its version's record "
                    + v.get().sha256());
        }
        String jobId =
                g.jobId() != null ? g.jobId() : v.map(AutoencoderVersion::jobId).orElse(null);
        Optional<TrainingJob> job = catalog.job(jobId);
        if (jobId == null) {
            missing.add("training job: neither the model's record nor a version record names it");
        } else if (job.isEmpty()) {
            missing.add("training job " + jobId + ": not on hyperrep.training.jobs");
        }
        String snapshotId = g.snapshotId() != null
                ? g.snapshotId()
                : job.map(TrainingJob::snapshotId)
                        .orElse(v.map(AutoencoderVersion::snapshotId).orElse(null));
        Optional<Snapshot> snapshot = catalog.snapshot(snapshotId);
        if (snapshotId == null) {
            missing.add("snapshot: no record names it");
        } else if (snapshot.isEmpty()) {
            missing.add("snapshot " + snapshotId + ": not on hyperrep.snapshots");
        }
        int window;
        String source;
        if (g.epochWindow() != null) {
            window = g.epochWindow();
            source = "model";
        } else if (v.isPresent() && v.get().epochWindow() != null) {
            window = v.get().epochWindow();
            source = "version";
        } else {
            window = PipelineEvents.LEGACY_EPOCH_WINDOW;
            source = "assumed";
        }
        Matcher m = RUN.matcher(g.sampleId());
        Integer count = m.find() ? Integer.valueOf(m.group(1)) : null;
        return new Lineage(g, v, sha, jobId, job, snapshotId, snapshot, window, source, count, List.copyOf(missing));
    }
}
