package io.hyperrep.service.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperrep.events.EventFormatException;
import io.hyperrep.events.ModelExport;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.SnapshotCodec;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.DatasetReader;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.KafkaUnavailableException;
import io.hyperrep.kafka.TopicPolicy;
import io.hyperrep.service.runtime.ClasspathPage;
import io.hyperrep.service.runtime.HttpErrors;
import io.hyperrep.service.runtime.KafkaSetup;
import io.hyperrep.service.runtime.Readiness;
import io.hyperrep.service.runtime.ServiceContext;
import io.hyperrep.service.runtime.VertxKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registry service: a materialised view of the topics (the log stays the source of truth).
 * At start it reads the generated and evaluated models, versions, training jobs and snapshots from the
 * beginning (every partition assigned, no group, nothing committed) into a {@link ModelIndex} and a
 * {@link LineageCatalog}, becomes ready once it has read up to where the topics ended at its start, and
 * keeps following them. It serves {@code GET /api/models} (listing), {@code GET /api/models/{sampleId}}
 * (lineage), {@code GET /api/models/{sampleId}/weights} (the weights, read from the generated topic by
 * position, as checkpoint, safetensors or ONNX) and the page {@code /models}. docs/openapi.yaml.
 */
public final class RegistryVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryVerticle.class);
    static final String PAGE = "/io/hyperrep/service/registry/models.html";
    static final List<String> TOPICS =
            List.of(Topics.GENERATED, Topics.EVALUATED, Topics.AUTOENCODERS, Topics.TRAINING_JOBS, Topics.SNAPSHOTS);
    private static final String API = "/api/models";
    private static final String WEIGHTS = "/weights";

    private final ServiceContext service;
    private final ModelIndex index = new ModelIndex();
    private final LineageCatalog catalog = new LineageCatalog();
    private KafkaClients kafka;
    private KafkaConsumer<String, byte[]> consumer;
    private ModelRecords records;
    private Counter unreadable;
    private volatile boolean caughtUp;
    private long catchUpTimer = -1;

    public RegistryVerticle(ServiceContext service) {
        this.service = service;
    }

    @Override
    public Future<?> start() {
        kafka = KafkaSetup.clients(service.settings());
        TopicPolicy topics = KafkaSetup.topics(service.settings());
        byte[] page = ClasspathPage.read(RegistryVerticle.class, PAGE, "the models page");
        unreadable = Counter.builder("hyperrep.registry.unreadable")
                .description("Records the registry could not decode and skipped")
                .register(service.registry());
        Gauge.builder("hyperrep.registry.models", index, ModelIndex::size)
                .description("Generated models in the registry's index")
                .register(service.registry());
        Readiness.Check ready = service.readiness().register("registry", "reading the model topics from the beginning");
        service.router().get("/models").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/html; charset=utf-8")
                .end(Buffer.buffer(page)));
        service.router().get(API).handler(this::list);
        service.router().getWithRegex(API + "/.+").handler(this::model);
        long t0 = System.nanoTime();
        return vertx.executeBlocking(() -> {
                    KafkaSetup.createTopics(kafka, topics);
                    records = new ModelRecords(kafka, service.instanceId() + "-registry-fetcher", catalog);
                    Map<TopicPartition, Long> ends = new HashMap<>();
                    for (String topic : TOPICS) {
                        DatasetReader.endOffsets(kafka, topic)
                                .forEach((p, end) -> ends.put(new TopicPartition(topic, p), end));
                    }
                    return ends;
                })
                .compose(ends -> {
                    consumer = VertxKafka.consumer(vertx, kafka, null, service.instanceId() + "-registry");
                    consumer.exceptionHandler(e -> LOG.warn("registry consumer: {}", e.toString()));
                    consumer.handler(this::apply);
                    Set<TopicPartition> all = new HashSet<>(ends.keySet());
                    return consumer.assign(all)
                            .compose(v -> consumer.seekToBeginning(all))
                            .map(v -> ends);
                })
                .onSuccess(ends -> {
                    LOG.info(
                            "registry: reading {} topics ({} partitions) from the beginning",
                            TOPICS.size(),
                            ends.size());
                    catchUpTimer = vertx.setPeriodic(250, id -> checkCaughtUp(ends, ready, t0));
                });
    }

    /** Ready once every partition's position has reached where it ended when this instance started. */
    private void checkCaughtUp(Map<TopicPartition, Long> ends, Readiness.Check ready, long t0) {
        List<Future<Boolean>> reached = new ArrayList<>();
        ends.forEach((tp, end) -> reached.add(
                end == 0 ? Future.succeededFuture(true) : consumer.position(tp).map(pos -> pos >= end)));
        Future.all(reached).onSuccess(all -> {
            if (!caughtUp && reached.stream().allMatch(Future::result)) {
                caughtUp = true;
                vertx.cancelTimer(catchUpTimer);
                LOG.info(
                        "registry: {} models indexed from the topics in {} ms; serving {}",
                        index.size(),
                        (System.nanoTime() - t0) / 1_000_000,
                        API);
                ready.ready();
            }
        });
    }

    private void apply(KafkaConsumerRecord<String, byte[]> r) {
        boolean generated = Topics.GENERATED.equals(r.topic());
        boolean evaluated = Topics.EVALUATED.equals(r.topic());
        try {
            if (r.value() == null) {
                skip(r, generated, evaluated);
                return;
            }
            switch (r.topic()) {
                case Topics.GENERATED ->
                    index.generated(
                            PipelineEvents.GENERATED_MODEL.decode(r.value()), r.partition(), r.offset(), r.timestamp());
                case Topics.EVALUATED ->
                    index.evaluated(
                            PipelineEvents.EVALUATED_MODEL.decode(r.value()), r.partition(), r.offset(), r.timestamp());
                case Topics.AUTOENCODERS -> catalog.version(PipelineEvents.AUTOENCODER.decode(r.value()));
                case Topics.TRAINING_JOBS -> catalog.job(PipelineEvents.TRAINING_JOB.decode(r.value()));
                case Topics.SNAPSHOTS -> catalog.snapshot(SnapshotCodec.decode(r.value()));
                default -> {
                    // not subscribed
                }
            }
        } catch (EventFormatException | IllegalArgumentException e) {
            unreadable.increment();
            skip(r, generated, evaluated);
            LOG.debug(
                    "registry: skipped an unreadable record at {}/{}/{}: {}",
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    e.getMessage());
        }
    }

    private void skip(KafkaConsumerRecord<String, byte[]> r, boolean generated, boolean evaluated) {
        if (generated) {
            index.generatedSkipped(r.partition(), r.offset());
        } else if (evaluated) {
            index.evaluatedSkipped(r.partition(), r.offset());
        }
    }

    // ---- HTTP ----

    private boolean ready(RoutingContext ctx) {
        if (!caughtUp) {
            HttpErrors.reply(ctx, 503, "NOT_READY", "the registry is still reading the model topics; retry shortly");
        }
        return caughtUp;
    }

    private void list(RoutingContext ctx) {
        if (!ready(ctx)) {
            return;
        }
        Map<String, List<String>> params = new HashMap<>();
        ctx.queryParams().forEach(e -> params.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                .add(e.getValue()));
        try {
            ModelQuery q = ModelQuery.parse(params);
            ModelPage page = index.page(q);
            json(ctx, ModelDocuments.page(page, q.cursor() == null ? index.facets() : null));
        } catch (InvalidQuery e) {
            HttpErrors.reply(ctx, 400, "INVALID_PARAMETER", e.getMessage());
        } catch (ModelIndex.NotYetRead e) {
            HttpErrors.reply(ctx, 503, "NOT_READY", e.getMessage());
        }
    }

    /** {@code /api/models/{sampleId}} and {@code /api/models/{sampleId}/weights}; the id may come with its slashes or as %2F. */
    private void model(RoutingContext ctx) {
        if (!ready(ctx)) {
            return;
        }
        String tail = ctx.normalizedPath().substring(API.length() + 1);
        boolean weights = tail.endsWith(WEIGHTS);
        String sampleId;
        try {
            sampleId = SampleIds.fromPath(weights ? tail.substring(0, tail.length() - WEIGHTS.length()) : tail);
        } catch (IllegalArgumentException e) {
            HttpErrors.reply(ctx, 400, "INVALID_ID", e.getMessage());
            return;
        }
        ModelExport.Format format = ModelExport.Format.CHECKPOINT;
        if (weights) {
            List<String> f = ctx.queryParam("format");
            if (f.size() > 1) {
                HttpErrors.reply(ctx, 400, "INVALID_PARAMETER", "parameter 'format' is given " + f.size() + " times");
                return;
            }
            try {
                format = f.isEmpty() ? ModelExport.Format.CHECKPOINT : ModelExport.Format.parse(f.get(0));
            } catch (IllegalArgumentException e) {
                HttpErrors.reply(ctx, 400, "INVALID_PARAMETER", e.getMessage());
                return;
            }
        }
        ModelIndex.Located at = index.find(sampleId).orElse(null);
        if (at == null) {
            HttpErrors.reply(ctx, 404, "UNKNOWN_MODEL", "no model '" + sampleId + "' in the registry");
            return;
        }
        if (!at.hasGenerated()) {
            HttpErrors.reply(
                    ctx,
                    404,
                    "UNKNOWN_MODEL",
                    "model '" + sampleId + "' has an evaluation but no generated record (yet)");
            return;
        }
        ModelExport.Format chosen = format;
        vertx.executeBlocking(() -> weights ? records.export(at, chosen) : records.lineage(at), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        Throwable e = ar.cause();
                        if (e instanceof KafkaUnavailableException) {
                            HttpErrors.reply(ctx, 503, "UNAVAILABLE", e.getMessage());
                        } else if (e instanceof ModelRecords.Gone) {
                            HttpErrors.reply(ctx, 404, "UNKNOWN_MODEL", e.getMessage());
                        } else {
                            LOG.warn("registry: {} failed: {}", ctx.request().path(), e.toString());
                            HttpErrors.reply(ctx, 500, "INTERNAL", e.toString());
                        }
                    } else if (ar.result() instanceof byte[] file) {
                        ctx.response()
                                .putHeader("content-type", chosen.mediaType())
                                .putHeader(
                                        "content-disposition",
                                        "attachment; filename=\"" + ModelExport.fileName(sampleId, chosen) + "\"")
                                .end(Buffer.buffer(file));
                    } else {
                        json(ctx, (ObjectNode) ar.result());
                    }
                });
    }

    private static void json(RoutingContext ctx, ObjectNode body) {
        try {
            ctx.response()
                    .putHeader("content-type", "application/json")
                    .putHeader("cache-control", "no-store")
                    .end(ModelDocuments.JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            HttpErrors.reply(ctx, 500, "INTERNAL", e.getClass().getSimpleName());
        }
    }

    @Override
    public Future<?> stop() {
        if (catchUpTimer >= 0) {
            vertx.cancelTimer(catchUpTimer);
        }
        Future<Void> closed = consumer == null ? Future.succeededFuture() : consumer.close();
        return closed.eventually(() -> vertx.executeBlocking(() -> {
            if (records != null) {
                records.close();
            }
            return null;
        }));
    }
}
