package io.hyperrep.service.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.events.DeadLetterHeaders;
import io.hyperrep.events.EventFormatException;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.SnapshotCodec;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.TopicPolicy;
import io.hyperrep.service.runtime.ClasspathPage;
import io.hyperrep.service.runtime.HttpErrors;
import io.hyperrep.service.runtime.KafkaSetup;
import io.hyperrep.service.runtime.Readiness;
import io.hyperrep.service.runtime.ServiceContext;
import io.hyperrep.service.runtime.VertxKafka;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard service: reads the pipeline's topics from the beginning (its own consumer group per
 * instance, nothing committed, so every instance and every restart sees the whole history), folds
 * them into a {@link PipelineView}, and serves {@code GET /dashboard} (a page that polls the JSON and
 * draws it) and {@code GET /api/dashboard} (the JSON). An unreadable record is counted and skipped.
 */
public final class DashboardVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardVerticle.class);
    static final String PAGE = "/io/hyperrep/service/dashboard/dashboard.html";
    static final List<String> TOPICS = List.of(
            Topics.SNAPSHOTS,
            Topics.TRAINING_PROGRESS,
            Topics.AUTOENCODERS,
            Topics.GENERATED,
            Topics.EVALUATED,
            Topics.deadLetter(Topics.CHECKPOINTS),
            Topics.deadLetter(Topics.SNAPSHOTS),
            Topics.deadLetter(Topics.TRAINING_JOBS),
            Topics.deadLetter(Topics.GENERATION_REQUESTS),
            Topics.deadLetter(Topics.GENERATED));

    private final ServiceContext service;
    private final PipelineView view = new PipelineView();
    private final ObjectMapper json = new ObjectMapper();
    private KafkaConsumer<String, byte[]> consumer;
    private Counter unreadable;

    public DashboardVerticle(ServiceContext service) {
        this.service = service;
    }

    @Override
    public Future<?> start() {
        KafkaClients kafka = KafkaSetup.clients(service.settings());
        TopicPolicy topics = KafkaSetup.topics(service.settings());
        byte[] page = ClasspathPage.read(DashboardVerticle.class, PAGE, "the dashboard page");
        unreadable = Counter.builder("hyperrep.dashboard.unreadable")
                .description("Records the dashboard could not decode and skipped")
                .register(service.registry());
        Readiness.Check ready = service.readiness().register("dashboard", "creating topics and subscribing");
        service.router().get("/dashboard").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/html; charset=utf-8")
                .end(io.vertx.core.buffer.Buffer.buffer(page)));
        service.router().get("/api/dashboard").handler(ctx -> {
            try {
                ctx.response()
                        .putHeader("content-type", "application/json")
                        .putHeader("cache-control", "no-store")
                        .end(json.writeValueAsString(view.state()));
            } catch (JsonProcessingException e) {
                HttpErrors.serverError(ctx, 500, "INTERNAL", "the dashboard state could not be written", e);
            }
        });
        return vertx.executeBlocking(() -> {
                    KafkaSetup.createTopics(kafka, topics);
                    return null;
                })
                .compose(v -> {
                    String id = service.instanceId() + "-dashboard";
                    consumer = VertxKafka.consumer(vertx, kafka, "hyperrep-dashboard-" + service.instanceId(), id);
                    consumer.exceptionHandler(e -> LOG.warn("dashboard consumer: {}", e.toString()));
                    consumer.handler(this::apply);
                    return consumer.subscribe(new java.util.HashSet<>(TOPICS));
                })
                .onSuccess(v -> {
                    LOG.info("dashboard: following {} topics; page at /dashboard", TOPICS.size());
                    ready.ready();
                });
    }

    private void apply(KafkaConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return; // a tombstone of a compacted topic
        }
        try {
            switch (r.topic()) {
                case Topics.SNAPSHOTS -> view.snapshot(SnapshotCodec.decode(r.value()));
                case Topics.TRAINING_PROGRESS -> view.progress(PipelineEvents.TRAINING_PROGRESS.decode(r.value()));
                case Topics.AUTOENCODERS -> view.version(PipelineEvents.AUTOENCODER.decode(r.value()));
                case Topics.GENERATED -> view.generated(PipelineEvents.GENERATED_MODEL.decode(r.value()));
                case Topics.EVALUATED -> view.evaluated(PipelineEvents.EVALUATED_MODEL.decode(r.value()));
                default ->
                    view.deadLetter(
                            r.topic().substring(0, r.topic().length() - Topics.DLT_SUFFIX.length()),
                            r.key(),
                            header(r, DeadLetterHeaders.REASON),
                            header(r, DeadLetterHeaders.MESSAGE),
                            Instant.ofEpochMilli(r.timestamp()));
            }
        } catch (EventFormatException | IllegalArgumentException e) {
            unreadable.increment();
            LOG.debug(
                    "dashboard: skipped an unreadable record at {}/{}/{}: {}",
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    e.getMessage());
        }
    }

    private static String header(KafkaConsumerRecord<String, byte[]> r, String name) {
        List<String> values = new ArrayList<>();
        r.headers().forEach(h -> {
            if (h.key().equals(name)) {
                values.add(h.value().toString(StandardCharsets.UTF_8));
            }
        });
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    @Override
    public Future<?> stop() {
        return consumer == null ? Future.succeededFuture() : consumer.close();
    }
}
