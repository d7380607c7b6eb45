package io.hyperrep.service.dashboard;

import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.PipelineEvents.TrainingProgress;
import io.hyperrep.events.Snapshot;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the pipeline has done, folded from its events: per zoo the latest snapshot, the training jobs
 * with their loss curves, the autoencoder versions, and per version and sampling method how many models
 * were generated and how the evaluated ones score (an accuracy histogram, not a list, so memory stays
 * bounded however long the loop runs); plus the latest dead letters. Not thread-safe: one thread (the
 * dashboard's event loop) applies events and takes {@link #state()}.
 */
public final class PipelineView {

    /** Accuracy histogram bins over [0, 1]. */
    public static final int BINS = 20;

    static final int JOBS_PER_ZOO = 10;
    static final int VERSIONS_PER_ZOO = 20;
    static final int POPULATION_VERSIONS = 5;
    static final int DEAD_LETTERS = 50;

    private final Map<String, Zoo> zoos = new TreeMap<>();
    private final Deque<DashboardState.DeadLetter> deadLetters = new ArrayDeque<>();
    private final Map<String, Long> deadLetterCounts = new TreeMap<>();
    private long events;
    private Instant updated;

    public void snapshot(Snapshot s) {
        Zoo z = zoo(s.zooId());
        z.snapshots++;
        z.lastSnapshot = new DashboardState.SnapshotInfo(
                s.id(),
                s.checkpoints(),
                s.models(),
                List.copyOf(s.perEpoch().keySet()),
                s.trigger(),
                s.time().toString());
        touch(s.time());
    }

    public void progress(TrainingProgress p) {
        Zoo z = zoo(p.zooId() == null ? "(unknown zoo)" : p.zooId());
        Job j = z.jobs.computeIfAbsent(p.jobId(), Job::new);
        z.jobs.remove(p.jobId());
        z.jobs.put(p.jobId(), j); // most recently active last
        trim(z.jobs, JOBS_PER_ZOO);
        j.phase = p.phase().wire();
        j.worker = p.worker();
        j.epochs = Math.max(j.epochs, p.epochs());
        j.epoch = p.epoch();
        j.message = p.message();
        if (p.phase() == TrainingProgress.Phase.EPOCH) {
            j.curve.removeIf(e -> e.epoch() >= p.epoch()); // a resumed job repeats epochs it had lost
            j.curve.add(new DashboardState.EpochPoint(
                    p.epoch(), finite(p.trainLoss()), finite(p.validationLoss()), finite(p.r2())));
        }
        touch(parse(p.time()));
    }

    public void version(AutoencoderVersion v) {
        Zoo z = zoo(v.zooId());
        z.versions.put(
                v.versionId(),
                new DashboardState.VersionInfo(
                        v.versionId(),
                        v.parentVersion(),
                        v.jobId(),
                        v.epochs(),
                        finite(v.validationLoss()),
                        finite(v.r2()),
                        v.time()));
        trim(z.versions, VERSIONS_PER_ZOO);
        touch(parse(v.time()));
    }

    public void generated(GeneratedModel g) {
        population(g.zooId(), g.versionId(), g.method()).generated++;
        touch(parse(g.time()));
    }

    public void evaluated(EvaluatedModel e) {
        Population p = population(e.zooId(), e.versionId(), e.method());
        p.evaluated++;
        p.histogram[Math.min(BINS - 1, (int) (e.testAccuracy() * BINS))]++;
        p.accuracySum += e.testAccuracy();
        p.best = Math.max(p.best, e.testAccuracy());
        if (Double.isFinite(e.relativeNovelty())) {
            p.noveltySum += e.relativeNovelty();
            p.noveltyCount++;
        }
        if (Double.isFinite(e.maxErrorIoU())) {
            p.iouSum += e.maxErrorIoU();
            p.iouCount++;
        }
        p.anchors.add(e.anchorMeanTestAccuracy());
        p.zoo.add(e.zooMeanTestAccuracy());
        touch(parse(e.time()));
    }

    /** A record some service could not use, as its dead-letter headers describe it. */
    public void deadLetter(String topic, String key, String reason, String message, Instant time) {
        String r = reason == null || reason.isBlank() ? "UNKNOWN" : reason;
        deadLetters.addFirst(new DashboardState.DeadLetter(topic, key, r, message, time.toString()));
        while (deadLetters.size() > DEAD_LETTERS) {
            deadLetters.removeLast();
        }
        deadLetterCounts.merge(topic + " " + r, 1L, Long::sum);
        touch(time);
    }

    public DashboardState state() {
        List<DashboardState.ZooInfo> out = new ArrayList<>();
        zoos.forEach((id, z) -> out.add(z.info()));
        return new DashboardState(
                out,
                List.copyOf(deadLetters),
                Map.copyOf(deadLetterCounts),
                events,
                updated == null ? null : updated.toString());
    }

    private Population population(String zooId, String versionId, String method) {
        Zoo z = zoo(zooId);
        Map<String, Population> byMethod = z.populations.computeIfAbsent(versionId, k -> new TreeMap<>());
        trim(z.populations, POPULATION_VERSIONS);
        return byMethod.computeIfAbsent(method, m -> new Population(versionId, m));
    }

    private Zoo zoo(String id) {
        return zoos.computeIfAbsent(id, Zoo::new);
    }

    private void touch(Instant t) {
        events++;
        if (t != null && (updated == null || t.isAfter(updated))) {
            updated = t;
        }
    }

    /** Drops the oldest entries of an insertion-ordered map beyond {@code max}. */
    private static void trim(Map<String, ?> m, int max) {
        var it = m.keySet().iterator();
        for (int extra = m.size() - max; extra > 0 && it.hasNext(); extra--) {
            it.next();
            it.remove();
        }
    }

    /** JSON has no NaN: a value that is not there yet (a job's first phases) is null. */
    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Instant parse(String time) {
        try {
            return time == null ? null : Instant.parse(time);
        } catch (java.time.format.DateTimeParseException e) {
            return null; // a producer's odd clock format must not hide its event
        }
    }

    private static final class Zoo {
        final String id;
        int snapshots;
        DashboardState.SnapshotInfo lastSnapshot;
        final Map<String, Job> jobs = new LinkedHashMap<>();
        final Map<String, DashboardState.VersionInfo> versions = new LinkedHashMap<>();
        final Map<String, Map<String, Population>> populations = new LinkedHashMap<>();

        Zoo(String id) {
            this.id = id;
        }

        DashboardState.ZooInfo info() {
            List<DashboardState.PopulationInfo> pops = new ArrayList<>();
            populations.values().forEach(m -> m.values().forEach(p -> pops.add(p.info())));
            return new DashboardState.ZooInfo(
                    id,
                    snapshots,
                    lastSnapshot,
                    jobs.values().stream().map(Job::info).toList(),
                    List.copyOf(versions.values()),
                    pops);
        }
    }

    private static final class Job {
        final String id;
        String phase;
        String worker;
        String message;
        int epoch;
        int epochs;
        final List<DashboardState.EpochPoint> curve = new ArrayList<>();

        Job(String id) {
            this.id = id;
        }

        DashboardState.JobInfo info() {
            return new DashboardState.JobInfo(id, phase, worker, epoch, epochs, message, List.copyOf(curve));
        }
    }

    private static final class Population {
        final String versionId;
        final String method;
        long generated;
        long evaluated;
        final long[] histogram = new long[BINS];
        double accuracySum;
        double best = Double.NEGATIVE_INFINITY;
        double noveltySum;
        long noveltyCount;
        double iouSum;
        long iouCount;
        /** The references the evaluations carry: the same for every model of a population, averaged in case they are not. */
        final Mean anchors = new Mean();

        final Mean zoo = new Mean();

        Population(String versionId, String method) {
            this.versionId = versionId;
            this.method = method;
        }

        DashboardState.PopulationInfo info() {
            List<Long> bins = new ArrayList<>(BINS);
            for (long b : histogram) {
                bins.add(b);
            }
            Double mean = evaluated == 0 ? null : accuracySum / evaluated;
            Double anchorMean = anchors.value();
            return new DashboardState.PopulationInfo(
                    versionId,
                    method,
                    generated,
                    evaluated,
                    mean,
                    evaluated == 0 ? null : finite(best),
                    bins,
                    noveltyCount == 0 ? null : noveltySum / noveltyCount,
                    iouCount == 0 ? null : iouSum / iouCount,
                    anchorMean,
                    zoo.value(),
                    mean == null || anchorMean == null || anchorMean == 0 ? null : mean / anchorMean);
        }
    }

    /** The mean of the values given so far, those that are there (older evaluations carry no references). */
    private static final class Mean {
        double sum;
        long count;

        void add(Double v) {
            if (v != null && Double.isFinite(v)) {
                sum += v;
                count++;
            }
        }

        Double value() {
            return count == 0 ? null : sum / count;
        }
    }
}
