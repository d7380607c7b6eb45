package io.hyperrep.service.trainer;

import io.hyperrep.core.io.ArtifactStore;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.EventFormatException;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.TrainingJob;
import io.hyperrep.events.PipelineEvents.TrainingProgress;
import io.hyperrep.events.PipelineEvents.TrainingProgress.Phase;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.DatasetReader;
import io.hyperrep.kafka.KafkaFailures;
import io.hyperrep.ml.hyper.EpochResult;
import io.hyperrep.ml.hyper.HyperTrainingListener;
import io.hyperrep.ml.nd.Backend;
import io.hyperrep.service.runtime.EventRecords;
import io.hyperrep.service.runtime.KafkaSetup;
import io.hyperrep.service.runtime.Readiness;
import io.hyperrep.service.runtime.ServiceContext;
import io.hyperrep.service.runtime.VertxKafka;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of the trainer group: takes one training job at a time from {@code hyperrep.training.jobs},
 * <b>pauses its partitions while the job runs and keeps polling</b> (so the group does not evict it),
 * rebuilds the dataset exactly from the job's snapshot offsets, trains on a worker thread with
 * resumable state in the artifact store, publishes progress and then the new autoencoder version,
 * and commits the job only after that. A job whose worker died is redelivered to another member,
 * which resumes from the saved state. A job that hits Kafka trouble is read again after a growing
 * pause ({@link JobRetries}); one that cannot run is dead-lettered. Stopping cancels the job at the
 * next step (its last finished epoch stays saved) and leaves it uncommitted; so does a rebalance that
 * moves the running job's partition to another member, which then resumes it (two members never
 * train one job at once).
 */
public final class TrainerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(TrainerVerticle.class);

    private final ServiceContext service;
    private TrainerSettings settings;
    private ArtifactStore store;
    private TrainingJobRunner runner;
    private TrainerMetrics metrics;
    private JobRetries retries;
    private Readiness.Check ready;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;
    private WorkerExecutor worker;
    private volatile boolean stopping;
    private final Promise<Void> stopped = Promise.promise();
    private boolean busy;
    /** The partition of the running job, while one runs. */
    private TopicPartition running;
    /** Set when a rebalance gave the running job's partition to another member: the job stops at its next step. */
    private volatile boolean handedOver;

    private final Set<TopicPartition> assigned = new HashSet<>();

    // Kept apart (duplicates): each verticle takes its ServiceContext and reads its own settings in start().
    public TrainerVerticle(ServiceContext service) {
        this.service = service;
    }

    @Override
    public Future<?> start() {
        settings = TrainerSettings.from(service.settings());
        store = new ArtifactStore(settings.artifacts());
        runner = new TrainingJobRunner(settings, store);
        metrics = new TrainerMetrics(service.registry());
        retries = settings.retries().policy();
        ready = service.readiness().register("trainer", "joining the trainer group");
        // Jobs run for minutes to hours: one dedicated thread, exempt from blocked-thread warnings.
        worker = vertx.createSharedWorkerExecutor("hyperrep-trainer-" + service.instanceId(), 1, 7, TimeUnit.DAYS);
        String id = service.instanceId() + "-trainer";
        // Kept apart (duplicates): trainer and planner bind no client meters; EventClients would add them.
        producer = VertxKafka.producer(vertx, settings.kafka(), id);
        consumer = VertxKafka.consumer(vertx, settings.kafka(), settings.group(), id, Map.of("max.poll.records", 1));
        consumer.partitionsAssignedHandler(parts -> {
            assigned.addAll(parts);
            if (busy) {
                consumer.pause(parts); // a rebalance during a job must not hand this member a second one
                if (running != null && !assigned.contains(running) && !handedOver) {
                    // Eager and cooperative rebalances both end with this callback, so the new assignment is complete
                    // here.
                    LOG.info(
                            "trainer: the running job's partition {} moved to another member; stopping the job at its next step",
                            running);
                    handedOver = true;
                }
            }
        });
        consumer.partitionsRevokedHandler(assigned::removeAll);
        return vertx.executeBlocking(() -> {
                    Backend.init();
                    KafkaSetup.createTopics(settings.kafka(), settings.topics());
                    return null;
                })
                .compose(v -> consumer.subscribe(Topics.TRAINING_JOBS))
                .onSuccess(v -> {
                    ready.ready();
                    loop();
                });
    }

    private void loop() {
        if (stopping && !busy) {
            stopped.tryComplete();
            return;
        }
        consumer.poll(Duration.ofMillis(500)).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("trainer: poll failed: {}", ar.cause().toString());
                vertx.setTimer(1000, t -> loop());
                return;
            }
            var records = ar.result();
            if (!records.isEmpty() && !busy && !stopping) {
                startJob(records.recordAt(0));
            }
            loop();
        });
    }

    private void startJob(KafkaConsumerRecord<String, byte[]> record) {
        busy = true;
        metrics.busy(true);
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        running = tp;
        consumer.pause(new HashSet<>(assigned));
        TrainingJob job;
        try {
            job = PipelineEvents.TRAINING_JOB.decode(record.value());
        } catch (EventFormatException e) {
            LOG.warn("trainer: dead-lettering a malformed job at {}: {}", record.offset(), e.getMessage());
            finish(
                    tp,
                    record,
                    producer.send(EventRecords.deadLetter(
                                    record,
                                    e.reason().name(),
                                    e.getMessage(),
                                    e.getClass().getName(),
                                    service.instanceId()))
                            .map("rejected"));
            return;
        }
        LOG.info(
                "trainer: job {} ({}) for zoo {} on snapshot {}",
                job.jobId(),
                job.mode(),
                job.zooId(),
                job.snapshotId());
        Future<Void> done = worker.<Optional<TrainingJobRunner.Outcome>>executeBlocking(() -> run(job), false)
                .compose(outcome ->
                        outcome.map(o -> publish(job, o)).orElseGet(() -> Future.failedFuture(new Cancelled())));
        done.onFailure(e -> {
            if (!(e instanceof Cancelled)) {
                LOG.warn("trainer: job {} failed: {}", job.jobId(), e.toString());
            }
        });
        Future<String> settled = done.map("completed").recover(e -> {
            if (e instanceof Cancelled) {
                return Future.failedFuture(e); // stopping or handed over: leave uncommitted, the state is saved
            }
            Optional<Duration> pause = retries.afterFailure(job.jobId(), e);
            if (pause.isPresent()) {
                // Uncommitted: finish() seeks back to the job, which resumes from its saved epochs.
                LOG.warn(
                        "trainer: job {} hit Kafka trouble, running it again in {} ms: {}",
                        job.jobId(),
                        pause.get().toMillis(),
                        e.getMessage());
                return progress(job, Phase.RETRYING, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, e.getMessage())
                        .transform(ar -> vertx.timer(pause.get().toMillis()))
                        .compose(t -> Future.failedFuture(new RetryLater(e)));
            }
            // A job that cannot run (bad data, too small), or whose Kafka trouble did not pass, is reported and
            // dead-lettered.
            String why = KafkaFailures.isTransient(e)
                    ? "gave up after " + retries.attempts() + " attempts: " + e.getMessage()
                    : e.getMessage();
            return progress(job, Phase.FAILED, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, why)
                    .compose(v -> producer.send(EventRecords.deadLetter(
                            record, "JOB_FAILED", why, e.getClass().getName(), service.instanceId())))
                    .map("dead_lettered");
        });
        settled.onComplete(ar -> {
            if (!(ar.cause() instanceof RetryLater)) {
                retries.settled(job.jobId());
            }
        });
        finish(tp, record, settled);
    }

    /** Commits the job once {@code effect} is done; its value is the outcome the jobs counter records. */
    private void finish(TopicPartition tp, KafkaConsumerRecord<String, byte[]> record, Future<String> effect) {
        effect.compose(outcome -> (assigned.contains(tp)
                                ? consumer.commit(Map.of(
                                                tp, new OffsetAndMetadata(record.offset() + 1, service.instanceId())))
                                        .mapEmpty()
                                : Future.<Void>succeededFuture())
                        .map(outcome)) // partition moved away: its new owner redoes the (idempotent) job
                .onComplete(ar -> {
                    metrics.job(
                            ar.succeeded()
                                    ? ar.result()
                                    : ar.cause() instanceof RetryLater
                                            ? "retried"
                                            : !(ar.cause() instanceof Cancelled)
                                                    ? "failed"
                                                    : handedOver ? "handed_over" : "stopped");
                    if (ar.failed() && !(ar.cause() instanceof Cancelled)) {
                        // not committed: read it again from here
                        consumer.seek(tp, record.offset());
                    }
                    busy = false;
                    running = null;
                    handedOver = false;
                    metrics.busy(false);
                    if (!stopping) {
                        consumer.resume(new HashSet<>(assigned));
                    }
                });
    }

    /** On the worker thread: rebuild the snapshot, find the warm-start artifact, train. */
    private Optional<TrainingJobRunner.Outcome> run(TrainingJob job) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (var e : DatasetReader.read(
                settings.kafka(),
                job.datasetTopic(),
                job.endOffsets(),
                k -> k.startsWith(job.zooId() + "/"),
                true,
                settings.readTimeout())) {
            checkpoints.add(CheckpointCodec.decode(e.value()));
        }
        Optional<Path> warm = Optional.empty();
        if (TrainingJob.WARM_START.equals(job.mode())) {
            warm = findVersion(job.warmStartVersion()).map(v -> store.get(v.sha256()));
            if (warm.isEmpty()) {
                LOG.warn(
                        "trainer: version {} to warm-start job {} from is not published; training from scratch",
                        job.warmStartVersion(),
                        job.jobId());
            }
        }
        LOG.info(
                "trainer: job {} rebuilt {} checkpoints of zoo {} from snapshot {}",
                job.jobId(),
                checkpoints.size(),
                job.zooId(),
                job.snapshotId());
        return runner.run(job, checkpoints, warm, new ProgressEvents(job), () -> stopping || handedOver);
    }

    private Optional<AutoencoderVersion> findVersion(String versionId) {
        var entries = DatasetReader.read(
                settings.kafka(),
                Topics.AUTOENCODERS,
                DatasetReader.endOffsets(settings.kafka(), Topics.AUTOENCODERS),
                k -> true,
                true);
        for (var e : entries) {
            try {
                var v = PipelineEvents.AUTOENCODER.decode(e.value());
                if (v.versionId().equals(versionId)) {
                    return Optional.of(v);
                }
            } catch (EventFormatException ignored) {
                // skip what is not a version
            }
        }
        return Optional.empty();
    }

    private Future<Void> publish(TrainingJob job, TrainingJobRunner.Outcome o) {
        var r = o.result();
        // The kept epoch's own measurements: the selection's score (trainer.best.epoch) may be a training loss.
        EpochResult kept = r.kept()
                .orElseThrow(() -> new IllegalStateException("job " + job.jobId() + " finished without a kept epoch"));
        AutoencoderVersion v = new AutoencoderVersion(
                JobPlanner.versionOf(job.jobId()),
                job.zooId(),
                job.jobId(),
                job.snapshotId(),
                TrainingJob.WARM_START.equals(job.mode()) ? job.warmStartVersion() : null,
                o.artifact().uri(),
                o.artifact().sha256(),
                o.data().arch().id(),
                r.epochsDone(),
                kept.validationLoss(),
                kept.validationR2(),
                Instant.now().toString(),
                settings.windowSize());
        LOG.info(
                "trainer: job {} done: version {} (kept epoch {} by {}: train loss {}, validation loss {}, R2 {}) stored as {}",
                job.jobId(),
                v.versionId(),
                kept.epoch(),
                settings.bestEpoch(),
                String.format("%.5f", kept.trainLoss()),
                String.format("%.5f", v.validationLoss()),
                String.format("%.3f", v.r2()),
                o.artifact().sha256().substring(0, 16));
        return progress(
                        job,
                        Phase.FINISHED,
                        r.epochsDone(),
                        r.epochsDone(),
                        kept.trainLoss(),
                        kept.validationLoss(),
                        kept.validationR2(),
                        0,
                        v.versionId())
                .compose(x -> producer.send(EventRecords.event(
                        Topics.AUTOENCODERS,
                        job.zooId(),
                        v.versionId(),
                        "/hyperrep/trainer",
                        PipelineEvents.AUTOENCODER,
                        v)))
                .mapEmpty();
    }

    // Kept apart (duplicates): the event's fields minus those this member fills in (job ids, worker, time).
    private Future<Void> progress(
            TrainingJob job,
            Phase phase,
            int epoch,
            int epochs,
            double trainLoss,
            double validationLoss,
            double r2,
            double samplesPerSecond,
            String message) {
        TrainingProgress p = new TrainingProgress(
                job.jobId(),
                job.zooId(),
                service.instanceId(),
                phase,
                epoch,
                epochs,
                trainLoss,
                validationLoss,
                r2,
                samplesPerSecond,
                message,
                Instant.now().toString());
        return producer.send(EventRecords.event(
                        Topics.TRAINING_PROGRESS,
                        job.jobId(),
                        job.jobId() + "/" + phase.wire() + "/" + epoch,
                        "/hyperrep/trainer",
                        PipelineEvents.TRAINING_PROGRESS,
                        p))
                .mapEmpty();
    }

    /** Training progress (called on the worker thread) as events and metrics; sends hop to the event loop. */
    private final class ProgressEvents implements HyperTrainingListener {
        private final TrainingJob job;
        private long lastStepNanos;
        private double samplesPerSecond;

        ProgressEvents(TrainingJob job) {
            this.job = job;
        }

        @Override
        public void started(Started s) {
            Phase phase = s.resumed() ? Phase.RESUMED : Phase.STARTED;
            LOG.info(
                    "trainer: job {} {} at epoch {}/{} ({}, {} steps per epoch{})",
                    job.jobId(),
                    phase.wire(),
                    s.epochsDone(),
                    s.epochs(),
                    s.dataset(),
                    s.stepsPerEpoch(),
                    s.warmStarted() ? ", warm start" : "");
            context.runOnContext(v -> progress(
                    job, phase, s.epochsDone(), s.epochs(), Double.NaN, Double.NaN, Double.NaN, 0, s.dataset()));
            lastStepNanos = System.nanoTime();
        }

        @Override
        public void stepDone(StepProgress p) {
            long now = System.nanoTime();
            metrics.step((now - lastStepNanos) / 1e9);
            lastStepNanos = now;
            samplesPerSecond = p.samplesPerSecond();
        }

        @Override
        public void epochDone(EpochResult e) {
            metrics.epoch(e);
            // Kept apart (duplicates): log lines of different moments (epoch, finished job) formatting the same losses.
            LOG.info(
                    "trainer: job {} epoch {}/{}: train loss {} validation loss {} R2 {} ({} s){}",
                    job.jobId(),
                    e.epoch(),
                    e.epochs(),
                    String.format("%.5f", e.trainLoss()),
                    String.format("%.5f", e.validationLoss()),
                    String.format("%.3f", e.validationR2()),
                    String.format("%.1f", e.seconds()),
                    e.improved() ? " *" : "");
            context.runOnContext(v -> progress(
                    job,
                    Phase.EPOCH,
                    e.epoch(),
                    e.epochs(),
                    e.trainLoss(),
                    e.validationLoss(),
                    e.validationR2(),
                    samplesPerSecond,
                    null));
            lastStepNanos = System.nanoTime();
        }
    }

    /** The job hit Kafka trouble and runs again after a pause. */
    private static final class RetryLater extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetryLater(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** The job was cancelled because the service is stopping or its partition moved away. */
    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("stopped", null, false, false);
        }
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        return stopped.future()
                .timeout(120, TimeUnit.SECONDS)
                .recover(e -> Future.succeededFuture())
                .compose(v -> consumer.close())
                .compose(v -> producer.close())
                .onComplete(ar -> worker.close());
    }
}
