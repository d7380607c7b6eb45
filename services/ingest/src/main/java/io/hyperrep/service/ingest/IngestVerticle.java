package io.hyperrep.service.ingest;

import io.hyperrep.events.CloudEventHeaders;
import io.hyperrep.events.DatasetHeaders;
import io.hyperrep.events.EventTypes;
import io.hyperrep.events.Snapshot;
import io.hyperrep.events.SnapshotCodec;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.DatasetReader;
import io.hyperrep.service.runtime.EventClients;
import io.hyperrep.service.runtime.EventRecords;
import io.hyperrep.service.runtime.HttpErrors;
import io.hyperrep.service.runtime.KafkaSetup;
import io.hyperrep.service.runtime.LimitedBody;
import io.hyperrep.service.runtime.Readiness;
import io.hyperrep.service.runtime.ServiceContext;
import io.hyperrep.service.runtime.ServiceHost;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: consumes the checkpoint inbox, writes accepted checkpoints to the dataset
 * topic and rejected ones (unchanged, with the reason in headers) to the dead-letter topic, commits
 * a batch only after all its writes are acknowledged, and cuts dataset snapshots by its
 * {@link SnapshotPolicy}. Also accepts checkpoints by {@code POST /api/checkpoints}.
 *
 * <p>Every decision is {@link CheckpointGate}'s; this class only moves records. Decisions and the
 * {@link DatasetIndex} live on this verticle's event loop, so uploads hop onto it too.
 */
public final class IngestVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);
    private static final int CHECK_CHUNKS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final ServiceContext service;
    private final DatasetIndex index = new DatasetIndex();
    private final CheckpointGate gate = new CheckpointGate(index);
    private IngestSettings settings;
    private SnapshotSchedule schedule;
    private IngestMetrics metrics;
    private Readiness.Check ready;
    private Context loop;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;
    private EventClients clients;
    private volatile boolean stopping;
    private final Promise<Void> stopped = Promise.promise();
    private Future<Void> snapshotBarrier = Future.succeededFuture();
    /** Another ingest instance shares the group: this one holds only some partitions and has paused them. */
    private boolean sharedGroup;

    // Kept apart (duplicates): each verticle takes its ServiceContext and reads its own settings in start().
    public IngestVerticle(ServiceContext service) {
        this.service = service;
    }

    @Override
    public Future<?> start() {
        settings = IngestSettings.from(service.settings());
        schedule = new SnapshotSchedule(settings.snapshots());
        metrics = new IngestMetrics(service.registry(), index::size, () -> !sharedGroup);
        ready = service.readiness().register("ingest", "creating topics and reading the dataset topic");
        loop = context;
        service.router().post("/api/checkpoints").handler(ctx -> LimitedBody.read(
                        ctx.request(), settings.uploadMaxBytes())
                .onComplete(read -> {
                    if (read.failed()) {
                        LimitedBody.refuse(ctx, read.cause());
                        return;
                    }
                    byte[] body = read.result().getBytes();
                    vertx.executeBlocking(() -> new Upload(body, CheckpointGate.checkUpload(body)), false)
                            .onSuccess(upload -> loop.runOnContext(v -> upload(ctx, upload)))
                            .onFailure(e ->
                                    HttpErrors.serverError(ctx, 500, "INTERNAL", "the upload could not be checked", e));
                }));
        return vertx.executeBlocking(this::prepareTopicsAndIndex)
                .compose(n -> {
                    LOG.info("ingest: dataset topic holds {} checkpoints; consuming {}", n, Topics.CHECKPOINTS);
                    clients = EventClients.open(
                            vertx,
                            service,
                            settings.kafka(),
                            "ingest",
                            settings.group(),
                            Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batch()));
                    consumer = clients.consumer();
                    producer = clients.producer();
                    consumer.partitionsAssignedHandler(parts -> checkSoleMember());
                    return consumer.subscribe(Topics.CHECKPOINTS);
                })
                .onSuccess(v -> {
                    ready.ready();
                    pollLoop();
                });
    }

    /**
     * Ingest keeps its dataset index (dedup, snapshot counts) in memory, built from the whole dataset topic
     * and its own writes, so it must be the only member of its group. After every rebalance: a member that
     * holds only some partitions pauses them (records wait in Kafka, nothing is decided on a partial index),
     * refuses uploads and stays not ready until it is alone again (docs/decisions/single-ingest-instance.md).
     */
    private void checkSoleMember() {
        consumer.assignment()
                .compose(mine -> consumer.partitionsFor(Topics.CHECKPOINTS).map(all -> {
                    if (mine.size() < all.size()) {
                        if (!sharedGroup) {
                            LOG.error(
                                    "ingest: another ingest instance joined group {} (this one holds {} of {} partitions of {}); ingest must run as"
                                            + " exactly one instance: pausing consumption and refusing uploads until it leaves",
                                    settings.group(),
                                    mine.size(),
                                    all.size(),
                                    Topics.CHECKPOINTS);
                        }
                        sharedGroup = true;
                        ready.notReady(
                                "another ingest instance shares group " + settings.group() + "; run exactly one");
                        consumer.pause(mine);
                    } else if (sharedGroup) {
                        LOG.info("ingest: alone in group {} again; resuming", settings.group());
                        sharedGroup = false;
                        consumer.resume(mine);
                        ready.ready();
                    }
                    return null;
                }))
                .onFailure(e -> LOG.warn("ingest: could not check the group's assignment: {}", e.toString()));
    }

    private int prepareTopicsAndIndex() {
        KafkaSetup.createTopics(settings.kafka(), settings.topics());
        var entries = DatasetReader.read(
                settings.kafka(),
                Topics.DATASET,
                DatasetReader.endOffsets(settings.kafka(), Topics.DATASET),
                k -> true,
                false);
        for (var e : entries) {
            String sha = e.headers().get(DatasetHeaders.SHA256);
            String arch = e.headers().get(DatasetHeaders.ARCH);
            if (sha != null && arch != null) {
                index.load(e.key(), sha, arch);
            }
        }
        return entries.size();
    }

    // ---- the consume loop: poll, check, decide, write, commit; snapshots between batches ----

    /** The previous batch's writes and commit; the next batch is decided only once it succeeded. */
    private Future<Void> previous = Future.succeededFuture();

    /**
     * Two batches overlap: while batch N's writes are acknowledged and committed, batch N+1 is polled and
     * checked (the CPU-heavy part). Deciding and writing stay strictly in order: batch N+1 is decided
     * only after batch N committed, and is dropped unread if batch N failed (its rewind re-reads it).
     */
    private void pollLoop() {
        if (stopping) {
            previous.onComplete(ar -> stopped.tryComplete());
            return;
        }
        Future<Void> before = previous;
        // the consumer's calls run one at a time on its thread: a long empty poll would hold back the
        // commit of the batch in flight
        consumer.poll(Duration.ofMillis(before.isComplete() ? 200 : 10))
                .compose(polled -> process(polled, before))
                .compose(v -> previous.isComplete() ? snapshotIfDue() : Future.<Void>succeededFuture())
                .onComplete(ar -> {
                    if (ar.failed()) {
                        String id = HttpErrors.newId();
                        LOG.warn(
                                "ingest: batch failed, retrying from its first record in 1 s [error id {}]: {}",
                                id,
                                ar.cause().toString());
                        ready.notReady("last batch failed (error id " + id + ", see the log)");
                        vertx.setTimer(1000, t -> pollLoop());
                    } else {
                        if (!sharedGroup) {
                            ready.ready();
                        }
                        pollLoop();
                    }
                });
    }

    /**
     * Checks {@code polled}, waits for {@code before}, then decides and sends; completes once sent. Fails
     * when {@code before} failed: that batch has rewound to its first record, which precedes these.
     */
    private Future<Void> process(KafkaConsumerRecords<String, byte[]> polled, Future<Void> before) {
        // KafkaConsumerRecords.recordAt walks an iterator: copy the batch once, on this thread.
        List<KafkaConsumerRecord<String, byte[]>> records = new ArrayList<>(polled.size());
        Map<TopicPartition, Long> first = new HashMap<>();
        for (int i = 0; i < polled.size(); i++) {
            KafkaConsumerRecord<String, byte[]> r = polled.recordAt(i);
            records.add(r);
            first.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
        }
        Future<CheckpointGate.Checked[]> checked =
                records.isEmpty() ? Future.succeededFuture(new CheckpointGate.Checked[0]) : checkInParallel(records);
        return Future.join(before, checked).transform(ar -> {
            if (before.failed()) {
                previous = Future.succeededFuture(); // its rewind is done; start over from there
                return Future.failedFuture(before.cause());
            }
            if (records.isEmpty()) {
                return Future.succeededFuture();
            }
            if (checked.failed()) {
                return rewind(first).compose(v -> Future.failedFuture(checked.cause()));
            }
            previous = decideAndWrite(records, checked.result())
                    .recover(err -> rewind(first).compose(v -> Future.failedFuture(err)));
            return Future.succeededFuture();
        });
    }

    /**
     * Decoding and hashing ~13 KB of JSON per record is the expensive part: it runs on worker threads
     * in {@link #CHECK_CHUNKS} chunks, keeping the event loop free and using every core.
     */
    private Future<CheckpointGate.Checked[]> checkInParallel(List<KafkaConsumerRecord<String, byte[]>> records) {
        int n = records.size();
        CheckpointGate.Checked[] out = new CheckpointGate.Checked[n];
        List<Future<Void>> chunks = new ArrayList<>();
        int chunk = Math.max(16, (n + CHECK_CHUNKS - 1) / CHECK_CHUNKS);
        for (int from = 0; from < n; from += chunk) {
            int lo = from;
            int hi = Math.min(n, from + chunk);
            chunks.add(vertx.executeBlocking(
                    () -> {
                        for (int i = lo; i < hi; i++) {
                            KafkaConsumerRecord<String, byte[]> r = records.get(i);
                            out[i] = CheckpointGate.check(r.key(), r.value(), headers(r.headers()));
                        }
                        return null;
                    },
                    false));
        }
        return Future.all(chunks).map(v -> out);
    }

    /** Decides in order on the event loop, writes in parallel, commits once every write is acknowledged. */
    private Future<Void> decideAndWrite(
            List<KafkaConsumerRecord<String, byte[]>> records, CheckpointGate.Checked[] checked) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            KafkaConsumerRecord<String, byte[]> r = records.get(i);
            next.put(
                    new TopicPartition(r.topic(), r.partition()),
                    new OffsetAndMetadata(r.offset() + 1, service.instanceId()));
            IngestDecision d = gate.decide(checked[i]);
            if (d instanceof IngestDecision.Accept a) {
                writes.add(accept(a, r.value(), r.topic() + "/" + r.partition() + "/" + r.offset(), r.timestamp()));
            } else if (d instanceof IngestDecision.Reject j) {
                writes.add(deadLetter(r, j));
            } else {
                metrics.unchanged();
            }
        }
        return Future.all(writes).compose(all -> consumer.commit(next).mapEmpty());
    }

    /** A failed batch is read again from its start; what was written already comes back as unchanged. */
    private Future<Void> rewind(Map<TopicPartition, Long> first) {
        List<Future<Void>> seeks = new ArrayList<>();
        first.forEach((tp, offset) -> seeks.add(consumer.seek(tp, offset)));
        return Future.join(seeks).mapEmpty();
    }

    private Future<Void> accept(IngestDecision.Accept a, byte[] value, String source, long producedAtMillis) {
        var c = a.checkpoint();
        index.reserve(c.key(), a.digest(), c.arch());
        KafkaProducerRecord<String, byte[]> out = KafkaProducerRecord.create(Topics.DATASET, c.key(), value);
        CloudEventHeaders ce = new CloudEventHeaders(
                c.key() + "@" + a.digest().substring(0, 16),
                EventTypes.CHECKPOINT_ACCEPTED,
                "/hyperrep/ingest",
                Instant.now(),
                "application/json");
        ce.asMap().forEach(out::addHeader);
        out.addHeader(DatasetHeaders.SHA256, a.digest())
                .addHeader(DatasetHeaders.ARCH, c.arch())
                .addHeader(DatasetHeaders.SOURCE, source);
        return producer.send(out)
                .<Void>mapEmpty()
                .onSuccess(v -> {
                    index.confirm(c.key());
                    schedule.accepted(c.zooId(), a.newModel(), System.currentTimeMillis());
                    metrics.accepted(Duration.ofMillis(System.currentTimeMillis() - producedAtMillis));
                })
                .onFailure(e -> index.release(c.key()));
    }

    private Future<Void> deadLetter(KafkaConsumerRecord<String, byte[]> r, IngestDecision.Reject j) {
        LOG.debug("ingest: dead-lettered {} ({}): {}", r.key(), j.reason(), j.message());
        return producer.send(EventRecords.deadLetter(
                        r, j.reason().name(), j.message(), j.errorClass(), service.instanceId()))
                .<Void>mapEmpty()
                .onSuccess(v -> metrics.rejected(j.reason()));
    }

    // ---- snapshots ----

    /**
     * Runs between batches on the event loop, so no write of this verticle is in flight: the end
     * offsets read now hold exactly the checkpoints the index counts.
     */
    private Future<Void> snapshotIfDue() {
        var due = schedule.due(System.currentTimeMillis());
        if (due.isEmpty() || index.writing()) {
            return Future.succeededFuture();
        }
        Promise<Void> barrier = Promise.promise();
        snapshotBarrier = barrier.future();
        Future<Void> chain = Future.succeededFuture();
        for (var d : due) {
            chain = chain.compose(v -> snapshot(d.zooId(), d.trigger()));
        }
        return chain.onComplete(ar -> barrier.complete());
    }

    private Future<Void> snapshot(String zooId, String trigger) {
        return vertx.executeBlocking(() -> DatasetReader.endOffsets(settings.kafka(), Topics.DATASET))
                .compose(offsets -> {
                    var counts = index.counts(zooId);
                    Snapshot s = new Snapshot(
                            Snapshot.idOf(zooId, offsets),
                            zooId,
                            counts.arch(),
                            Topics.DATASET,
                            new java.util.TreeMap<>(offsets),
                            counts.checkpoints(),
                            counts.models(),
                            counts.perEpoch(),
                            trigger,
                            Instant.now());
                    KafkaProducerRecord<String, byte[]> out =
                            KafkaProducerRecord.create(Topics.SNAPSHOTS, zooId, SnapshotCodec.encode(s));
                    SnapshotCodec.headers(s).asMap().forEach(out::addHeader);
                    return producer.send(out).<Void>mapEmpty().onSuccess(v -> {
                        schedule.snapshotted(zooId);
                        metrics.snapshot(trigger, s.checkpoints());
                        LOG.info(
                                "ingest: snapshot {} of zoo {}: {} checkpoints of {} models, epochs {} ({})",
                                s.id(),
                                zooId,
                                s.checkpoints(),
                                s.models(),
                                s.perEpoch().keySet(),
                                trigger);
                    });
                });
    }

    // ---- HTTP upload ----

    /** An upload body, checked on a worker thread. */
    private record Upload(byte[] body, CheckpointGate.Checked checked) {}

    private void upload(RoutingContext ctx, Upload upload) {
        byte[] body = upload.body();
        if (ready == null
                || !ready.isReady()) { // its own readiness: a trainer still joining its group must not refuse uploads
            HttpErrors.reply(ctx, 503, "NOT_READY", "ingest is starting; retry shortly");
            return;
        }
        snapshotBarrier.onComplete(ignored -> {
            IngestDecision d = gate.decide(upload.checked());
            if (d instanceof IngestDecision.Accept a) {
                accept(a, body, "http/" + UUID.randomUUID(), System.currentTimeMillis())
                        .onSuccess(v -> ServiceHost.json(
                                ctx, 202, outcome("accepted", a.checkpoint().key(), a.digest())))
                        .onFailure(e -> HttpErrors.serverError(
                                ctx, 503, "UNAVAILABLE", "could not write to the dataset topic", e));
            } else if (d instanceof IngestDecision.Unchanged u) {
                metrics.unchanged();
                ServiceHost.json(
                        ctx,
                        200,
                        outcome("unchanged", u.key(), index.digestOf(u.key()).orElse("")));
            } else if (d instanceof IngestDecision.Reject j) {
                metrics.rejected(j.reason());
                HttpErrors.reply(ctx, j.reason().httpStatus(), j.reason().name(), j.message());
            }
        });
    }

    private static JsonObject outcome(String outcome, String key, String digest) {
        return new JsonObject().put("outcome", outcome).put("key", key).put("sha256", digest);
    }

    private static Map<String, String> headers(List<KafkaHeader> hs) {
        Map<String, String> m = new HashMap<>();
        for (KafkaHeader h : hs) {
            m.put(h.key(), h.value() == null ? null : h.value().toString(StandardCharsets.UTF_8));
        }
        return m;
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        Future<Void> drained = consumer == null ? Future.succeededFuture() : stopped.future();
        return drained.timeout(10, java.util.concurrent.TimeUnit.SECONDS)
                .recover(e -> Future.succeededFuture())
                .compose(v -> EventClients.close(clients));
    }
}
