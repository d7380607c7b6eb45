package io.hyperrep.service.trainer;

import io.hyperrep.events.EventFormatException;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.TrainingJob;
import io.hyperrep.events.Snapshot;
import io.hyperrep.events.SnapshotCodec;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.DatasetReader;
import io.hyperrep.service.runtime.EventRecords;
import io.hyperrep.service.runtime.KafkaSetup;
import io.hyperrep.service.runtime.Readiness;
import io.hyperrep.service.runtime.ServiceContext;
import io.hyperrep.service.runtime.VertxKafka;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans training jobs from snapshots ({@link JobPlanner}): consumes {@code hyperrep.snapshots} (one
 * partition, so one active planner per group), writes jobs to {@code hyperrep.training.jobs} keyed
 * by zoo, commits after the job is acknowledged. Knows the existing autoencoder versions by reading
 * {@code hyperrep.autoencoders} at start.
 */
public final class PlannerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(PlannerVerticle.class);

    private final ServiceContext service;
    private TrainerSettings settings;
    private JobPlanner planner;
    private Readiness.Check ready;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;
    private volatile boolean stopping;
    private final io.vertx.core.Promise<Void> stopped = io.vertx.core.Promise.promise();

    // Kept apart (duplicates): each verticle takes its ServiceContext and reads its own settings in start().
    public PlannerVerticle(ServiceContext service) {
        this.service = service;
    }

    @Override
    public Future<?> start() {
        settings = TrainerSettings.from(service.settings());
        planner = new JobPlanner(settings.minModels());
        ready = service.readiness().register("planner", "reading autoencoder versions");
        return vertx.executeBlocking(this::readVersions)
                .compose(n -> {
                    LOG.info("planner: {} zoo(s) already have an autoencoder; consuming {}", n, Topics.SNAPSHOTS);
                    String id = service.instanceId() + "-planner";
                    producer = VertxKafka.producer(vertx, settings.kafka(), id);
                    consumer = VertxKafka.consumer(vertx, settings.kafka(), settings.group() + "-planner", id);
                    return consumer.subscribe(Topics.SNAPSHOTS);
                })
                .onSuccess(v -> {
                    ready.ready();
                    loop();
                });
    }

    private int readVersions() {
        KafkaSetup.createTopics(settings.kafka(), settings.topics());
        var entries = DatasetReader.read(
                settings.kafka(),
                Topics.AUTOENCODERS,
                DatasetReader.endOffsets(settings.kafka(), Topics.AUTOENCODERS),
                k -> true,
                true);
        entries.sort(java.util.Comparator.comparingLong(DatasetReader.Entry::offset));
        for (var e : entries) {
            try {
                var v = PipelineEvents.AUTOENCODER.decode(e.value());
                planner.knownVersion(v.zooId(), v.versionId());
            } catch (EventFormatException ignored) {
                // not ours to judge here; the consumers of that topic dead-letter it
            }
        }
        return entries.size();
    }

    private void loop() {
        if (stopping) {
            stopped.tryComplete();
            return;
        }
        consumer.poll(Duration.ofMillis(500)).compose(this::process).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn(
                        "planner: batch failed, retrying in 1 s: {}", ar.cause().toString());
                vertx.setTimer(1000, t -> loop());
            } else {
                loop();
            }
        });
    }

    private Future<Void> process(KafkaConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Future<?>> writes = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            KafkaConsumerRecord<String, byte[]> r = records.recordAt(i);
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            first.putIfAbsent(tp, r.offset());
            next.put(tp, new OffsetAndMetadata(r.offset() + 1, service.instanceId()));
            Snapshot s;
            try {
                s = SnapshotCodec.decode(r.value());
            } catch (EventFormatException e) {
                LOG.warn("planner: dead-lettering a malformed snapshot at offset {}: {}", r.offset(), e.getMessage());
                writes.add(producer.send(EventRecords.deadLetter(
                        r, e.reason().name(), e.getMessage(), e.getClass().getName(), service.instanceId())));
                continue;
            }
            StringBuilder skipped = new StringBuilder();
            Optional<TrainingJob> job = planner.plan(s, Instant.now(), skipped);
            if (job.isEmpty()) {
                LOG.info("planner: {}", skipped);
                continue;
            }
            TrainingJob j = job.get();
            LOG.info(
                    "planner: job {} ({}{}) for zoo {} on snapshot {} ({} checkpoints of {} models)",
                    j.jobId(),
                    j.mode(),
                    j.warmStartVersion() == null ? "" : " from " + j.warmStartVersion(),
                    j.zooId(),
                    s.id(),
                    s.checkpoints(),
                    s.models());
            writes.add(producer.send(EventRecords.event(
                    Topics.TRAINING_JOBS, j.zooId(), j.jobId(), "/hyperrep/planner", PipelineEvents.TRAINING_JOB, j)));
        }
        return Future.all(writes)
                .compose(v -> consumer.commit(next).<Void>mapEmpty())
                .recover(err -> {
                    List<Future<Void>> seeks = new ArrayList<>();
                    first.forEach((tp, o) -> seeks.add(consumer.seek(tp, o)));
                    return Future.join(seeks).compose(x -> Future.failedFuture(err));
                });
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        Future<Void> drained = consumer == null ? Future.succeededFuture() : stopped.future();
        return drained.timeout(10, java.util.concurrent.TimeUnit.SECONDS)
                .recover(e -> Future.succeededFuture())
                .compose(v -> consumer == null ? Future.succeededFuture() : consumer.close())
                .compose(v -> producer == null ? Future.succeededFuture() : producer.close());
    }
}
