package io.hyperrep.service.dashboard;

import java.util.List;
import java.util.Map;

/**
 * The dashboard's JSON ({@code GET /api/dashboard}): a snapshot of {@link PipelineView}. Values not known
 * yet are null, never NaN (JSON has none).
 *
 * @param deadLetterCounts dead letters by {@code "<topic> <reason>"}
 * @param events           events folded in since the dashboard started
 * @param updated          the latest event time seen (RFC 3339), or null
 */
public record DashboardState(
        List<ZooInfo> zoos,
        List<DeadLetter> deadLetters,
        Map<String, Long> deadLetterCounts,
        long events,
        String updated) {

    public record ZooInfo(
            String zooId,
            int snapshots,
            SnapshotInfo lastSnapshot,
            List<JobInfo> jobs,
            List<VersionInfo> versions,
            List<PopulationInfo> populations) {}

    public record SnapshotInfo(
            String id, int checkpoints, int models, List<Integer> epochs, String trigger, String time) {}

    /** A training job: its latest phase and the loss curve of its epochs so far. */
    public record JobInfo(
            String jobId, String phase, String worker, int epoch, int epochs, String message, List<EpochPoint> curve) {}

    public record EpochPoint(int epoch, Double trainLoss, Double validationLoss, Double r2) {}

    public record VersionInfo(
            String versionId,
            String parentVersion,
            String jobId,
            int epochs,
            Double validationLoss,
            Double r2,
            String time) {}

    /**
     * The models one sampling method generated from one version, and how the evaluated ones score.
     *
     * @param histogram    evaluated models per test-accuracy bin, {@link PipelineView#BINS} equal bins over [0, 1]
     * @param meanNovelty  mean distance to the nearest training model over the training models' own (1 = as novel as they are)
     * @param meanMaxErrorIoU mean largest error-set IoU with a training model (lower = more novel)
     * @param anchorMeanAccuracy the sampler's anchors' mean test accuracy, on the images the models were evaluated on
     * @param zooMeanAccuracy the training models' mean test accuracy (each one's last epoch in the autoencoder's window), on those images
     * @param meanOfAnchors   {@code meanAccuracy / anchorMeanAccuracy} (1 = as accurate as the anchors)
     */
    public record PopulationInfo(
            String versionId,
            String method,
            long generated,
            long evaluated,
            Double meanAccuracy,
            Double bestAccuracy,
            List<Long> histogram,
            Double meanNovelty,
            Double meanMaxErrorIoU,
            Double anchorMeanAccuracy,
            Double zooMeanAccuracy,
            Double meanOfAnchors) {}

    public record DeadLetter(String topic, String key, String reason, String message, String time) {}
}
