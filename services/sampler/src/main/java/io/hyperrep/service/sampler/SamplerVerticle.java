package io.hyperrep.service.sampler;

import io.hyperrep.core.io.ArtifactStore;
import io.hyperrep.core.sample.Samplers;
import io.hyperrep.events.EventEnvelope;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.GenerationRequest;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.KafkaFailures;
import io.hyperrep.ml.nd.Backend;
import io.hyperrep.service.runtime.ApiAuth;
import io.hyperrep.service.runtime.BatchLoop;
import io.hyperrep.service.runtime.EventClients;
import io.hyperrep.service.runtime.EventRecords;
import io.hyperrep.service.runtime.HttpErrors;
import io.hyperrep.service.runtime.KafkaSetup;
import io.hyperrep.service.runtime.LimitedBody;
import io.hyperrep.service.runtime.RateLimiter;
import io.hyperrep.service.runtime.Readiness;
import io.hyperrep.service.runtime.ServiceContext;
import io.hyperrep.service.runtime.ServiceHost;
import io.hyperrep.zoo.generate.Generation;
import io.hyperrep.zoo.generate.SamplerRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sampler service: for every autoencoder version on {@code hyperrep.autoencoders} it generates
 * {@code sampler.count} models with each of {@code sampler.methods} and publishes them to
 * {@code hyperrep.models.generated}; it also serves generation requests from
 * {@code hyperrep.generation.requests} (invalid ones are dead-lettered with the reason) and from
 * {@code POST /api/generate} (which publishes the request to that topic and answers once the broker has
 * it, so an accepted request survives a crash and any member of the group may serve it), against the
 * zoo's latest version. A batch of records is committed only
 * after every model it produced is acknowledged; a batch that fails on Kafka is read again from its
 * start, which republishes the same models under the same ids. A version whose artifact or snapshot
 * cannot be used is counted and skipped, never retried forever.
 *
 * <p>What gets generated is {@link Generation}'s business; ND4J work runs on worker threads, one run at
 * a time.
 */
public final class SamplerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(SamplerVerticle.class);
    static final String SOURCE = "/hyperrep/sampler";
    private static final long MAX_REQUEST_BYTES = 16 * 1024;

    private final ServiceContext service;
    private final Samplers samplers = SamplerRegistry.all();
    // Kept apart (duplicates): each verticle holds its own settings, metrics, readiness and clients.
    private SamplerSettings settings;
    private SamplerMetrics metrics;
    private GenerationSource source;
    private Readiness.Check ready;
    private Context loop;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;
    private EventClients clients;
    private volatile boolean started;
    private BatchLoop batches;
    private RateLimiter limiter;
    private PendingGenerations pending;
    /** Reads the group's committed offsets for {@link #pending}. */
    private Admin admin;

    private long pendingCheckedAt;

    public SamplerVerticle(ServiceContext service) {
        this.service = service;
    }

    @Override
    public Future<?> start() {
        settings = SamplerSettings.from(service.settings(), samplers);
        metrics = new SamplerMetrics(service.registry(), settings.methods());
        limiter = new RateLimiter(settings.http().rate(), settings.http().burst());
        pending = new PendingGenerations(settings.http().pendingMax());
        source = new GenerationSource(settings.kafka(), new ArtifactStore(settings.artifacts()), samplers);
        ready = service.readiness().register("sampler", "creating topics and joining the sampler group");
        loop = context;
        service.router().post("/api/generate").handler(ctx -> LimitedBody.read(ctx.request(), MAX_REQUEST_BYTES)
                .onSuccess(body -> loop.runOnContext(v -> generateOnRequest(ctx, body.getBytes())))
                .onFailure(e -> LimitedBody.refuse(ctx, e)));
        return vertx.executeBlocking(() -> {
                    Backend.init();
                    KafkaSetup.createTopics(settings.kafka(), settings.topics());
                    this.admin = settings.kafka().admin();
                    return null;
                })
                .compose(v -> {
                    // A record can mean minutes of work (a new version: load, encode, every method).
                    clients = EventClients.open(
                            vertx,
                            service,
                            settings.kafka(),
                            "sampler",
                            settings.group(),
                            Map.of(
                                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                                    4,
                                    ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                                    (int) TimeUnit.MINUTES.toMillis(30)));
                    consumer = clients.consumer();
                    producer = clients.producer();
                    return consumer.subscribe(Set.of(Topics.AUTOENCODERS, Topics.GENERATION_REQUESTS));
                })
                .onSuccess(v -> {
                    LOG.info(
                            "sampler: methods {} x {} models per version; consuming {} and {}",
                            settings.methods(),
                            settings.count(),
                            Topics.AUTOENCODERS,
                            Topics.GENERATION_REQUESTS);
                    started = true;
                    ready.ready();
                    batches = new BatchLoop(vertx, consumer, "sampler", service.instanceId(), ready, this::process);
                    batches.start();
                });
    }

    // ---- a batch: each record in order (BatchLoop commits after every write is acknowledged) ----

    private Future<Void> process(List<KafkaConsumerRecord<String, byte[]>> records) {
        Future<Void> chain = Future.succeededFuture();
        for (KafkaConsumerRecord<String, byte[]> r : records) {
            chain = chain.compose(v -> handle(r));
        }
        return chain;
    }

    private Future<Void> handle(KafkaConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = EventRecords.headers(r.headers());
        return Topics.AUTOENCODERS.equals(r.topic()) ? newVersion(r, headers) : request(r, headers);
    }

    /**
     * Every configured method on a new version, unless a later version of its zoo is already published: a
     * sampler in a new group reads the whole versions topic and would otherwise regenerate every old one.
     */
    private Future<Void> newVersion(KafkaConsumerRecord<String, byte[]> r, Map<String, String> headers) {
        var read = EventEnvelope.read(PipelineEvents.AUTOENCODER, headers, r.value());
        if (read instanceof EventEnvelope.Rejected<AutoencoderVersion> j) {
            // The versions topic has no dead-letter twin: its only producer is the trainer.
            LOG.warn(
                    "sampler: ignoring an unusable version record at {}/{}/{}: {} {}",
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    j.reason(),
                    j.message());
            metrics.rejected(j.reason().name(), 1);
            return Future.succeededFuture();
        }
        AutoencoderVersion v = ((EventEnvelope.Accepted<AutoencoderVersion>) read).event();
        return vertx.executeBlocking(source::latestVersions, false)
                .compose(latest -> {
                    AutoencoderVersion newest = latest.get(v.zooId());
                    if (newest != null && !newest.versionId().equals(v.versionId())) {
                        LOG.info(
                                "sampler: skipping version {} of zoo {}: superseded by {}",
                                v.versionId(),
                                v.zooId(),
                                newest.versionId());
                        metrics.rejected("SUPERSEDED", 1);
                        return Future.<Void>succeededFuture();
                    }
                    LOG.info(
                            "sampler: version {} of zoo {}: generating {} x {}",
                            v.versionId(),
                            v.zooId(),
                            settings.methods(),
                            settings.count());
                    Future<Void> chain = Future.succeededFuture();
                    for (String method : settings.methods()) {
                        chain = chain.compose(x -> generate(v, method, settings.count(), settings.seed()));
                    }
                    return chain;
                })
                .recover(e -> {
                    if (transientFailure(e)) {
                        return Future.failedFuture(e);
                    }
                    LOG.warn(
                            "sampler: cannot generate from version {} of zoo {}: {}",
                            v.versionId(),
                            v.zooId(),
                            e.toString());
                    metrics.rejected("VERSION_UNUSABLE", 1);
                    return Future.succeededFuture();
                });
    }

    /** A request record: valid ones are served against the zoo's latest version, the others dead-lettered. */
    private Future<Void> request(KafkaConsumerRecord<String, byte[]> r, Map<String, String> headers) {
        var read = EventEnvelope.read(PipelineEvents.GENERATION_REQUEST, headers, r.value());
        if (read instanceof EventEnvelope.Rejected<GenerationRequest> j) {
            return deadLetter(r, j.reason().name(), j.message(), EventEnvelope.class.getName());
        }
        GenerationRequest q = ((EventEnvelope.Accepted<GenerationRequest>) read).event();
        try {
            GenerationRequests.checkMethod(q.method(), samplers);
        } catch (GenerationRequests.Invalid e) {
            return deadLetter(r, e.error(), e.getMessage(), GenerationRequests.class.getName());
        }
        return vertx.executeBlocking(source::latestVersions, false).compose(latest -> {
            AutoencoderVersion v = latest.get(q.zooId());
            if (v == null) {
                return deadLetter(
                        r, "UNKNOWN_ZOO", unknownZoo(q.zooId(), latest.keySet()), SamplerVerticle.class.getName());
            }
            LOG.info(
                    "sampler: request {}: {} x {} (seed {}) from version {} of zoo {}",
                    q.requestId(),
                    q.count(),
                    q.method(),
                    q.seed(),
                    v.versionId(),
                    v.zooId());
            return generate(v, q.method(), q.count(), q.seed())
                    .recover(e -> transientFailure(e)
                            ? Future.failedFuture(e)
                            : deadLetter(
                                    r,
                                    "GENERATION_FAILED",
                                    e.getMessage(),
                                    e.getClass().getName()));
        });
    }

    /** One run on a worker thread, then its models published; completes when all are acknowledged. */
    private Future<Void> generate(AutoencoderVersion v, String method, int count, long seed) {
        return vertx.executeBlocking(() -> {
                    long t0 = System.nanoTime();
                    Generation.Output out = source.of(v).generate(method, count, seed, Instant.now());
                    metrics.generation(method, Duration.ofNanos(System.nanoTime() - t0));
                    return out;
                })
                .compose(out -> {
                    if (out.nonFinite() > 0) {
                        LOG.warn(
                                "sampler: {} of {} {} samples of version {} decoded to non-finite weights; not published",
                                out.nonFinite(),
                                count,
                                method,
                                v.versionId());
                        metrics.rejected("NON_FINITE_WEIGHTS", out.nonFinite());
                    }
                    List<Future<?>> sends = new ArrayList<>(out.models().size());
                    for (var m : out.models()) {
                        sends.add(producer.send(EventRecords.event(
                                Topics.GENERATED,
                                m.sampleId(),
                                m.sampleId(),
                                SOURCE,
                                PipelineEvents.GENERATED_MODEL,
                                m)));
                    }
                    return Future.all(sends)
                            .<Void>mapEmpty()
                            .onSuccess(
                                    x -> metrics.generated(method, out.models().size()));
                });
    }

    /**
     * Kafka trouble, however wrapped, is worth a retry of the batch; anything else about a version or
     * request will not get better. The rule is the trainer's and the evaluator's too ({@link KafkaFailures}).
     */
    static boolean transientFailure(Throwable e) {
        return KafkaFailures.isTransient(e);
    }

    private Future<Void> deadLetter(
            KafkaConsumerRecord<String, byte[]> r, String reason, String message, String errorClass) {
        LOG.info("sampler: dead-lettered request {} ({}): {}", r.key(), reason, message);
        return producer.send(EventRecords.deadLetter(r, reason, message, errorClass, service.instanceId()))
                .<Void>mapEmpty()
                .onSuccess(v -> metrics.rejected(reason, 1));
    }

    private static String unknownZoo(String zooId, Set<String> known) {
        return "zoo '" + zooId + "' has no autoencoder version yet"
                + (known.isEmpty() ? "" : "; zoos with one: " + String.join(", ", known));
    }

    // ---- HTTP ----

    /**
     * {@code POST /api/generate}: a valid request for a zoo with a version is published to
     * {@link Topics#GENERATION_REQUESTS} and answered 202, with the request id and the ids its samples
     * get from the zoo's current version, once the broker has acknowledged it. It is then served like any
     * request record, by whichever sampler of the group owns its partition; answering before the write
     * would lose an accepted request to a crash.
     */
    private void generateOnRequest(RoutingContext ctx, byte[] body) {
        if (!started) {
            HttpErrors.reply(ctx, 503, "NOT_READY", "sampler is starting; retry shortly");
            return;
        }
        Optional<Duration> wait = limiter.acquire(client(ctx));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (long) Math.ceil(wait.get().toMillis() / 1000.0));
            ctx.response().putHeader("retry-after", String.valueOf(seconds));
            HttpErrors.reply(
                    ctx,
                    429,
                    "RATE_LIMITED",
                    "too many generation requests from this client (sampler.generate.rate "
                            + settings.http().rate() + "/s, burst "
                            + settings.http().burst() + "); retry in " + seconds + " s");
            return;
        }
        GenerationRequest q;
        try {
            q = GenerationRequests.fromJson(body, "req-" + UUID.randomUUID(), settings.seed(), Instant.now(), samplers);
        } catch (GenerationRequests.Invalid e) {
            HttpErrors.reply(ctx, e.status(), e.error(), e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            HttpErrors.reply(ctx, 422, "INVALID_FIELD", e.getMessage());
            return;
        }
        settlePending().onComplete(settled -> {
            PendingGenerations.Reservation reservation = pending.reserve(q.count());
            if (reservation == null) {
                ctx.response().putHeader("retry-after", "5");
                HttpErrors.reply(
                        ctx,
                        503,
                        "BUSY",
                        pending.pending()
                                + " models requested over HTTP are still being generated (sampler.generate.pending.max "
                                + settings.http().pendingMax() + "); retry later");
                return;
            }
            publishRequest(ctx, q, reservation);
        });
    }

    /** Who is asking, for the rate limit: the token's fingerprint, else the remote address. */
    private static String client(RoutingContext ctx) {
        String token = ctx.get(ApiAuth.CLIENT);
        if (token != null) {
            return token;
        }
        var address = ctx.request().remoteAddress();
        return "address:" + (address == null ? "unknown" : address.hostAddress());
    }

    /**
     * Forgets the pending requests the group has served: their record is below its committed offset. Asks
     * the broker at most once a second, and only while something is pending; if it cannot, what is pending
     * stays pending. Kafka's admin client, not the Vert.x consumer's {@code committed}, which hangs with
     * kafka-clients 4.x (docs/decisions/vertx5-kafka-client.md).
     */
    private Future<Void> settlePending() {
        var partitions = pending.partitions();
        if (partitions.isEmpty() || System.nanoTime() - pendingCheckedAt < TimeUnit.SECONDS.toNanos(1)) {
            return Future.succeededFuture();
        }
        pendingCheckedAt = System.nanoTime();
        return vertx.executeBlocking(
                        () -> {
                            Map<Integer, Long> committed = new java.util.HashMap<>();
                            admin.listConsumerGroupOffsets(settings.group())
                                    .partitionsToOffsetAndMetadata()
                                    .get(10, TimeUnit.SECONDS)
                                    .forEach((tp, o) -> {
                                        if (tp.topic().equals(Topics.GENERATION_REQUESTS) && o != null) {
                                            committed.put(tp.partition(), o.offset());
                                        }
                                    });
                            pending.settle(committed);
                            return (Void) null;
                        },
                        false)
                .recover(e -> {
                    LOG.debug(
                            "sampler: cannot read the group's committed offsets; counting the requests as pending: {}",
                            e.toString());
                    return Future.succeededFuture();
                });
    }

    private void publishRequest(RoutingContext ctx, GenerationRequest q, PendingGenerations.Reservation reservation) {
        vertx.executeBlocking(source::latestVersions, false).onComplete(ar -> {
            if (ar.failed()) {
                reservation.cancel();
                HttpErrors.serverError(ctx, 503, "UNAVAILABLE", "cannot read the autoencoder versions", ar.cause());
                return;
            }
            AutoencoderVersion v = ar.result().get(q.zooId());
            if (v == null) {
                reservation.cancel();
                HttpErrors.reply(
                        ctx,
                        404,
                        "UNKNOWN_ZOO",
                        unknownZoo(q.zooId(), ar.result().keySet()));
                return;
            }
            producer.send(EventRecords.event(
                            Topics.GENERATION_REQUESTS,
                            q.zooId(),
                            q.requestId(),
                            SOURCE,
                            PipelineEvents.GENERATION_REQUEST,
                            q))
                    .onFailure(e -> {
                        reservation.cancel();
                        HttpErrors.serverError(ctx, 503, "UNAVAILABLE", "cannot publish the request", e);
                    })
                    .onSuccess(meta -> {
                        reservation.placed(meta.getPartition(), meta.getOffset());
                        LOG.info(
                                "sampler: HTTP request {} queued: {} x {} (seed {}) for zoo {} (version {} now)",
                                q.requestId(),
                                q.count(),
                                q.method(),
                                q.seed(),
                                q.zooId(),
                                v.versionId());
                        ServiceHost.json(
                                ctx,
                                202,
                                new JsonObject()
                                        .put("requestId", q.requestId())
                                        .put("zooId", q.zooId())
                                        .put("versionId", v.versionId())
                                        .put("method", q.method())
                                        .put("count", q.count())
                                        .put("seed", q.seed())
                                        .put(
                                                "sampleIds",
                                                new JsonArray(Generation.sampleIds(
                                                        v.versionId(), q.method(), q.seed(), q.count()))));
                    });
        });
    }

    @Override
    public Future<?> stop() {
        Future<Void> drained = batches == null ? Future.succeededFuture() : batches.stop(60);
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        return drained.compose(v -> EventClients.close(clients));
    }
}
