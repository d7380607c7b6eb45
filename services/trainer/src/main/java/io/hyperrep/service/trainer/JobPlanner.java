package io.hyperrep.service.trainer;

import io.hyperrep.events.PipelineEvents.TrainingJob;
import io.hyperrep.events.Snapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns dataset snapshots into training jobs: a zoo's first snapshot trains from scratch, every later
 * one warm-starts from the version the zoo's previous job produces. Job ids and version ids are
 * derived from content, so planning the same snapshot twice gives the same job, and the planner
 * knows the next version's id before it exists (jobs of one zoo run in order, on one partition).
 * Snapshots with too few models for a train/validation/test split are skipped.
 */
final class JobPlanner {

    private final int minModels;
    private final Map<String, String> latestVersion = new HashMap<>();
    private final Map<String, TrainingJob> planned = new HashMap<>();

    JobPlanner(int minModels) {
        if (minModels < 3) {
            throw new IllegalArgumentException(
                    "trainer.min.models must be >= 3 (train, validation and test need a model each), got " + minModels);
        }
        this.minModels = minModels;
    }

    /** A version that exists (read back from the autoencoder topic at start). */
    void knownVersion(String zooId, String versionId) {
        latestVersion.put(zooId, versionId);
    }

    Optional<String> latest(String zooId) {
        return Optional.ofNullable(latestVersion.get(zooId));
    }

    /** The job for {@code s}, or empty (with the reason in {@code skipped}) when it is too small. */
    Optional<TrainingJob> plan(Snapshot s, Instant now, StringBuilder skipped) {
        if (s.models() < minModels) {
            skipped.append("snapshot ")
                    .append(s.id())
                    .append(" has ")
                    .append(s.models())
                    .append(" models; training needs >= ")
                    .append(minModels)
                    .append(" (trainer.min.models)");
            return Optional.empty();
        }
        TrainingJob again = planned.get(s.id());
        if (again != null) {
            return Optional.of(again); // a redelivered snapshot: the same job again, state unchanged
        }
        String previous = latestVersion.get(s.zooId());
        String mode = previous == null ? TrainingJob.TRAIN : TrainingJob.WARM_START;
        String jobId = "job-" + hash(s.id() + "|" + mode + "|" + previous);
        latestVersion.put(s.zooId(), versionOf(jobId));
        TrainingJob job =
                new TrainingJob(jobId, s.zooId(), s.id(), s.topic(), s.endOffsets(), mode, previous, now.toString());
        planned.put(s.id(), job);
        return Optional.of(job);
    }

    /** The id of the autoencoder version a job produces. */
    static String versionOf(String jobId) {
        return "ae-" + hash(jobId);
    }

    private static String hash(String s) {
        return io.hyperrep.core.zoo.Checkpoint.sha256(s.getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
    }
}
