package io.hyperrep.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The events after ingest (docs/EVENTS.md): training jobs and their progress, autoencoder versions,
 * generation requests, generated and evaluated models. Times are RFC 3339 strings. Every record
 * validates itself, so a decoded event is a valid one.
 */
public final class PipelineEvents {

    /**
     * The epoch window of the records from before {@code epochWindow} existed (versions, and the models generated
     * from them): the default of the trainer's {@code trainer.window} then, which sampler and evaluator had to be
     * configured to match. Readers use it only for such records.
     */
    public static final int LEGACY_EPOCH_WINDOW = 5;

    private PipelineEvents() {}

    static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing or blank field '" + field + "'");
        }
        return value;
    }

    /**
     * Train (or warm-start) an autoencoder on a dataset snapshot. {@code jobId} is derived from the
     * snapshot and mode, so re-planning the same snapshot yields the same job.
     */
    public record TrainingJob(
            String jobId,
            String zooId,
            String snapshotId,
            String datasetTopic,
            Map<Integer, Long> endOffsets,
            String mode,
            String warmStartVersion,
            String time) {
        public static final String TRAIN = "train";
        public static final String WARM_START = "warm-start";

        public TrainingJob {
            require(jobId, "jobId");
            require(zooId, "zooId");
            require(snapshotId, "snapshotId");
            require(datasetTopic, "datasetTopic");
            Objects.requireNonNull(endOffsets, "endOffsets");
            if (!TRAIN.equals(mode) && !WARM_START.equals(mode)) {
                throw new IllegalArgumentException(
                        "mode must be '" + TRAIN + "' or '" + WARM_START + "', got '" + mode + "'");
            }
            if (WARM_START.equals(mode)) {
                require(warmStartVersion, "warmStartVersion");
            }
        }
    }

    /** Progress of a training job: where it is ({@link Phase}), and on {@code epoch} that epoch's losses. */
    public record TrainingProgress(
            String jobId,
            String zooId,
            String worker,
            Phase phase,
            int epoch,
            int epochs,
            double trainLoss,
            double validationLoss,
            double r2,
            double samplesPerSecond,
            String message,
            String time) {
        public TrainingProgress {
            require(jobId, "jobId");
            if (phase == null) {
                throw new IllegalArgumentException("missing or blank field 'phase'");
            }
        }

        /** Where a job is; on the wire (docs/EVENTS.md) the lower-case {@link #wire()} name. */
        public enum Phase {
            STARTED,
            RESUMED,
            EPOCH,
            RETRYING,
            FINISHED,
            FAILED;

            /** The JSON value: {@code started}, {@code resumed}, ... */
            @JsonValue
            public String wire() {
                return name().toLowerCase(Locale.ROOT);
            }

            /** The phase a JSON value names; an unknown one is an invalid field, not a phase of its own. */
            @JsonCreator
            public static Phase ofWire(String value) {
                for (Phase p : values()) {
                    if (p.wire().equals(value)) {
                        return p;
                    }
                }
                throw new IllegalArgumentException("phase must be one of "
                        + Arrays.stream(values()).map(Phase::wire).toList() + ", got '" + value + "'");
            }
        }
    }

    /**
     * A trained autoencoder: the artifact (content-addressed) and its lineage. {@code epochWindow} (added
     * later, absent from older records) is the trainer's {@code trainer.window}: how many of the snapshot's
     * last epochs it trained on, which is what rebuilds its training checkpoints from the snapshot. Consumers
     * take the window from here, not from a setting of their own.
     */
    public record AutoencoderVersion(
            String versionId,
            String zooId,
            String jobId,
            String snapshotId,
            String parentVersion,
            String artifact,
            String sha256,
            String arch,
            int epochs,
            double validationLoss,
            double r2,
            String time,
            @OptionalField Integer epochWindow) {
        public AutoencoderVersion {
            require(versionId, "versionId");
            require(zooId, "zooId");
            require(artifact, "artifact");
            require(sha256, "sha256");
            require(arch, "arch");
            requireWindow(epochWindow);
        }

        /** The window the autoencoder trained on; {@link #LEGACY_EPOCH_WINDOW} for a version from before the field. */
        public int epochWindowOrLegacy() {
            return epochWindow != null ? epochWindow : LEGACY_EPOCH_WINDOW;
        }
    }

    static void requireWindow(Integer epochWindow) {
        if (epochWindow != null && (epochWindow < 1 || epochWindow > 1000)) {
            throw new IllegalArgumentException("epochWindow must be 1..1000, got " + epochWindow);
        }
    }

    /** Generate {@code count} models with {@code method} from the zoo's latest autoencoder. */
    public record GenerationRequest(String requestId, String zooId, String method, int count, long seed, String time) {
        public GenerationRequest {
            require(requestId, "requestId");
            require(zooId, "zooId");
            require(method, "method");
            if (count < 1 || count > 10_000) {
                throw new IllegalArgumentException("count must be 1..10000, got " + count);
            }
        }
    }

    /**
     * A generated model with full lineage. The last three (added later, absent from older records) keep the
     * lineage whole after the compacted versions topic has dropped the version's record: the autoencoder's
     * artifact address, the training job that made it (whose record names the snapshot and its offsets), and
     * the epoch window the sampler rebuilt the autoencoder's training checkpoints with (they are the anchors'
     * source). With them, version, seed and sample id, the model can be derived again (`hyperrep reproduce`).
     */
    public record GeneratedModel(
            String sampleId,
            String zooId,
            String versionId,
            String snapshotId,
            String method,
            Map<String, String> samplerParameters,
            long seed,
            int index,
            String arch,
            String layoutHash,
            Weights weights,
            String time,
            @OptionalField String autoencoderSha256,
            @OptionalField String jobId,
            @OptionalField Integer epochWindow) {
        public GeneratedModel {
            require(sampleId, "sampleId");
            require(zooId, "zooId");
            require(versionId, "versionId");
            require(method, "method");
            require(arch, "arch");
            Objects.requireNonNull(weights, "weights");
            if (autoencoderSha256 != null && !autoencoderSha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(
                        "autoencoderSha256 must be 64 lower-case hex digits, got '" + autoencoderSha256 + "'");
            }
            requireWindow(epochWindow);
        }

        /** The window its autoencoder trained on; {@link #LEGACY_EPOCH_WINDOW} for a model from before the field. */
        public int epochWindowOrLegacy() {
            return epochWindow != null ? epochWindow : LEGACY_EPOCH_WINDOW;
        }
    }

    /**
     * The evaluation of a generated model: accuracy at epoch 0 (and after fine-tuning), novelty. The last two
     * (added later, absent from older records) are what the accuracy is compared with, measured by the evaluator
     * on the same test images as {@code testAccuracy}: the mean test accuracy of the sampler's anchors (the
     * training checkpoints its samplers were fitted to, chosen again from the model's {@code samplerParameters};
     * null when it names no anchor selection) and of the training models the novelty is measured against (each
     * training model's last epoch in the autoencoder's window).
     */
    public record EvaluatedModel(
            String sampleId,
            String zooId,
            String versionId,
            String method,
            double testAccuracy,
            double testLoss,
            double nearestDistance,
            double relativeNovelty,
            double maxErrorIoU,
            List<Double> finetuneAccuracy,
            String evaluator,
            String time,
            @OptionalField Double anchorMeanTestAccuracy,
            @OptionalField Double zooMeanTestAccuracy) {
        public EvaluatedModel {
            require(sampleId, "sampleId");
            requireAccuracy(testAccuracy, "testAccuracy");
            if (anchorMeanTestAccuracy != null) {
                requireAccuracy(anchorMeanTestAccuracy, "anchorMeanTestAccuracy");
            }
            if (zooMeanTestAccuracy != null) {
                requireAccuracy(zooMeanTestAccuracy, "zooMeanTestAccuracy");
            }
            finetuneAccuracy = finetuneAccuracy == null ? List.of() : List.copyOf(finetuneAccuracy);
        }
    }

    static void requireAccuracy(double value, String field) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1], got " + value);
        }
    }

    public static final JsonEventCodec<TrainingJob> TRAINING_JOB =
            new JsonEventCodec<>("io.hyperrep.training-job.v1", "io.hyperrep.training.requested.v1", TrainingJob.class);
    public static final JsonEventCodec<TrainingProgress> TRAINING_PROGRESS = new JsonEventCodec<>(
            "io.hyperrep.training-progress.v1", "io.hyperrep.training.progressed.v1", TrainingProgress.class);
    public static final JsonEventCodec<AutoencoderVersion> AUTOENCODER = new JsonEventCodec<>(
            "io.hyperrep.autoencoder.v1", "io.hyperrep.autoencoder.published.v1", AutoencoderVersion.class);
    public static final JsonEventCodec<GenerationRequest> GENERATION_REQUEST = new JsonEventCodec<>(
            "io.hyperrep.generation-request.v1", "io.hyperrep.generation.requested.v1", GenerationRequest.class);
    public static final JsonEventCodec<GeneratedModel> GENERATED_MODEL = new JsonEventCodec<>(
            "io.hyperrep.generated-model.v1", "io.hyperrep.model.generated.v1", GeneratedModel.class);
    public static final JsonEventCodec<EvaluatedModel> EVALUATED_MODEL = new JsonEventCodec<>(
            "io.hyperrep.evaluated-model.v1", "io.hyperrep.model.evaluated.v1", EvaluatedModel.class);
}
