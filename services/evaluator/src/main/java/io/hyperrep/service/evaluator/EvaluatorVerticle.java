package io.hyperrep.service.evaluator;

import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.events.EventEnvelope;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.RejectReason;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.DatasetReader;
import io.hyperrep.ml.nd.Backend;
import io.hyperrep.service.runtime.BatchLoop;
import io.hyperrep.service.runtime.EventClients;
import io.hyperrep.service.runtime.EventRecords;
import io.hyperrep.service.runtime.KafkaSetup;
import io.hyperrep.service.runtime.Readiness;
import io.hyperrep.service.runtime.ServiceContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluator service, a member of the {@code hyperrep-evaluator} group: consumes
 * {@code hyperrep.models.generated}, evaluates the models of each poll together (test accuracy,
 * optional fine-tuning, novelty against the snapshot's training models) and publishes one
 * {@code EvaluatedModel} per sample to {@code hyperrep.models.evaluated}, committing after every write
 * is acknowledged. Models that cannot be evaluated are dead-lettered with the reason.
 *
 * <p>Idempotent: it knows which samples are evaluated (read from the evaluated topic at start, and
 * again before it processes a partition it has just been given, so what a departed member published
 * but did not commit is not evaluated twice) and skips them. Scoring is {@link ModelEvaluator}'s,
 * grouping {@link BatchEvaluation}'s; ND4J runs on a worker thread, one batch at a time.
 */
public final class EvaluatorVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluatorVerticle.class);
    static final String SOURCE = "/hyperrep/evaluator";

    private final ServiceContext service;
    private EvaluatorSettings settings;
    private EvaluatorMetrics metrics;
    private ModelEvaluator evaluator;
    private ReferenceSource references;
    private Readiness.Check ready;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;
    private EventClients clients;
    private BatchLoop batches;
    /** Sample ids with a published evaluation; event loop only (its size is read by a gauge). */
    private final Set<String> evaluated = new HashSet<>();
    /** Assigned partitions whose evaluations were read after they were assigned; event loop only. */
    private final Set<TopicPartition> current = new HashSet<>();

    private final Set<TopicPartition> assigned = new HashSet<>();

    // Kept apart (duplicates): each verticle takes its ServiceContext and reads its own settings in start().
    public EvaluatorVerticle(ServiceContext service) {
        this.service = service;
    }

    @Override
    public Future<?> start() {
        settings = EvaluatorSettings.from(service.settings());
        metrics = new EvaluatorMetrics(service.registry(), evaluated::size);
        ready = service.readiness().register("evaluator", "loading test images and the evaluated models");
        return vertx.executeBlocking(() -> {
                    Backend.init();
                    KafkaSetup.createTopics(settings.kafka(), settings.topics());
                    ZooRecipe recipe = ZooRecipe.fashionMnistDefault();
                    ImageDataset data = Datasets.load(recipe.dataset(), settings.dataDir());
                    evaluator = new ModelEvaluator(
                            recipe,
                            data.test().head(settings.testImages()),
                            settings.finetuneEpochs() > 0 ? data.train().head(settings.finetuneImages()) : null,
                            settings.finetuneEpochs(),
                            settings.finetuneTrainer());
                    references = new ReferenceSource(settings.kafka(), evaluator);
                    return readEvaluated();
                })
                .compose(ids -> {
                    evaluated.addAll(ids);
                    LOG.info(
                            "evaluator: {} samples already evaluated; consuming {} in group {}",
                            ids.size(),
                            Topics.GENERATED,
                            settings.group());
                    clients = EventClients.open(
                            vertx,
                            service,
                            settings.kafka(),
                            "evaluator",
                            settings.group(),
                            Map.of(
                                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                                    settings.batch(),
                                    // Fine-tuning a full batch can take minutes; a departed member is still noticed by
                                    // its heartbeats.
                                    ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                                    (int) TimeUnit.MINUTES.toMillis(30)));
                    consumer = clients.consumer();
                    producer = clients.producer();
                    consumer.partitionsAssignedHandler(parts -> {
                        assigned.addAll(parts);
                        metrics.partitions(assigned.size());
                    });
                    consumer.partitionsRevokedHandler(parts -> {
                        assigned.removeAll(parts);
                        current.removeAll(parts);
                        metrics.partitions(assigned.size());
                    });
                    return consumer.subscribe(Topics.GENERATED);
                })
                .onSuccess(v -> {
                    ready.ready();
                    batches = new BatchLoop(vertx, consumer, "evaluator", service.instanceId(), ready, this::process);
                    batches.start();
                });
    }

    /** Keys of the evaluated topic now: every sample with a published evaluation. Blocking. */
    private Set<String> readEvaluated() {
        Set<String> ids = new HashSet<>();
        for (var e : DatasetReader.read(
                settings.kafka(),
                Topics.EVALUATED,
                DatasetReader.endOffsets(settings.kafka(), Topics.EVALUATED),
                k -> true,
                false)) {
            ids.add(e.key());
        }
        return ids;
    }

    // ---- a batch: check, evaluate, publish (BatchLoop commits after every write is acknowledged) ----

    private Future<Void> process(List<KafkaConsumerRecord<String, byte[]>> records) {
        Set<TopicPartition> partitions = new HashSet<>();
        records.forEach(r -> partitions.add(new TopicPartition(r.topic(), r.partition())));
        return catchUp(partitions).compose(v -> evaluate(records));
    }

    /**
     * Before the first batch of a partition this member was just given: read the evaluated topic again,
     * so that what the previous owner published but did not commit counts as done.
     */
    private Future<Void> catchUp(Set<TopicPartition> partitions) {
        if (current.containsAll(partitions)) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(this::readEvaluated, false).map(ids -> {
            evaluated.addAll(ids);
            current.addAll(partitions);
            return null;
        });
    }

    private Future<Void> evaluate(List<KafkaConsumerRecord<String, byte[]>> records) {
        List<Future<?>> writes = new ArrayList<>();
        List<GeneratedCheck.Valid> valid = new ArrayList<>();
        List<KafkaConsumerRecord<String, byte[]>> validRecords = new ArrayList<>();
        Set<String> inBatch = new HashSet<>();
        for (KafkaConsumerRecord<String, byte[]> r : records) {
            var read = EventEnvelope.read(PipelineEvents.GENERATED_MODEL, EventRecords.headers(r.headers()), r.value());
            if (read instanceof EventEnvelope.Rejected<GeneratedModel> j) {
                writes.add(deadLetter(r, j.reason().name(), j.message(), EventEnvelope.class.getName()));
                continue;
            }
            GeneratedModel g = ((EventEnvelope.Accepted<GeneratedModel>) read).event();
            if (evaluated.contains(g.sampleId()) || !inBatch.add(g.sampleId())) {
                metrics.skipped();
                continue;
            }
            if (!g.sampleId().equals(r.key())) {
                writes.add(deadLetter(
                        r,
                        RejectReason.KEY_MISMATCH.name(),
                        "record key '" + r.key() + "' must be the sampleId '" + g.sampleId() + "'",
                        GeneratedCheck.class.getName()));
                continue;
            }
            GeneratedCheck.Result checked = GeneratedCheck.check(g, evaluator);
            if (checked instanceof GeneratedCheck.Invalid bad) {
                writes.add(deadLetter(r, bad.reason().name(), bad.message(), GeneratedCheck.class.getName()));
                continue;
            }
            valid.add((GeneratedCheck.Valid) checked);
            validRecords.add(r);
        }
        if (!valid.isEmpty()) {
            writes.add(vertx.executeBlocking(() -> {
                        long t0 = System.nanoTime();
                        var outcomes =
                                BatchEvaluation.run(valid, references, evaluator, service.instanceId(), Instant.now());
                        metrics.evaluation(Duration.ofNanos(System.nanoTime() - t0));
                        return outcomes;
                    })
                    .compose(outcomes -> publish(validRecords, outcomes)));
        }
        return Future.all(writes).mapEmpty();
    }

    private Future<Void> publish(
            List<KafkaConsumerRecord<String, byte[]>> records, List<BatchEvaluation.Outcome> outcomes) {
        List<Future<?>> sends = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof BatchEvaluation.Evaluated ok) {
                var e = ok.event();
                sends.add(producer.send(EventRecords.event(
                                Topics.EVALUATED,
                                e.sampleId(),
                                e.sampleId(),
                                SOURCE,
                                PipelineEvents.EVALUATED_MODEL,
                                e))
                        .onSuccess(m -> {
                            evaluated.add(e.sampleId());
                            metrics.evaluated(e.method(), e.testAccuracy(), e.relativeNovelty());
                        }));
            } else if (outcomes.get(i) instanceof BatchEvaluation.Failed f) {
                sends.add(deadLetter(records.get(i), f.reason(), f.message(), BatchEvaluation.class.getName()));
            }
        }
        return Future.all(sends).mapEmpty();
    }

    private Future<Void> deadLetter(
            KafkaConsumerRecord<String, byte[]> r, String reason, String message, String errorClass) {
        LOG.info("evaluator: dead-lettered {} ({}): {}", r.key(), reason, message);
        return producer.send(EventRecords.deadLetter(r, reason, message, errorClass, service.instanceId()))
                .<Void>mapEmpty()
                .onSuccess(v -> metrics.rejected(reason));
    }

    @Override
    public Future<?> stop() {
        Future<Void> drained = batches == null ? Future.succeededFuture() : batches.stop(60);
        return drained.compose(v -> EventClients.close(clients));
    }
}
