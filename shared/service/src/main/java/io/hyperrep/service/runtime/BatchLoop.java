package io.hyperrep.service.runtime;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The at-least-once consume loop of a service that handles its records in batches: poll, hand the batch
 * to the service, and commit it once the service's future says every write it made is acknowledged. A
 * failed batch rewinds each of its partitions to the batch's first record, marks the service not ready
 * and is polled again after a second, so nothing is lost and nothing is committed early. One batch at a
 * time, on the verticle's event loop; the handler moves blocking work to workers.
 */
public final class BatchLoop {

    private static final Logger LOG = LoggerFactory.getLogger(BatchLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long RETRY_MILLIS = 1000;

    /** Handles one non-empty batch, in offset order per partition; completes once its writes are acknowledged. */
    @FunctionalInterface
    public interface Handler {
        Future<Void> handle(List<KafkaConsumerRecord<String, byte[]>> batch);
    }

    private final Vertx vertx;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String name;
    private final String instanceId;
    private final Readiness.Check ready;
    private final Handler handler;
    private volatile boolean stopping;
    private final Promise<Void> stopped = Promise.promise();

    /**
     * @param name       the service's name in log lines
     * @param instanceId stored as the commits' metadata (which member committed)
     */
    public BatchLoop(
            Vertx vertx,
            KafkaConsumer<String, byte[]> consumer,
            String name,
            String instanceId,
            Readiness.Check ready,
            Handler handler) {
        // Kept apart (duplicates): a constructor that stores its collaborators, one assignment a field.
        this.vertx = vertx;
        this.consumer = consumer;
        this.name = name;
        this.instanceId = instanceId;
        this.ready = ready;
        this.handler = handler;
    }

    public void start() {
        loop();
    }

    /** Stops polling; completes once the batch in hand is settled, or after {@code timeoutSeconds} whatever it is doing. */
    public Future<Void> stop(long timeoutSeconds) {
        stopping = true;
        return stopped.future().timeout(timeoutSeconds, TimeUnit.SECONDS).recover(e -> Future.succeededFuture());
    }

    private void loop() {
        if (stopping) {
            stopped.tryComplete();
            return;
        }
        consumer.poll(POLL).compose(this::process).onComplete(ar -> {
            if (ar.failed()) {
                String id = HttpErrors.newId();
                LOG.warn(
                        "{}: batch failed, retrying from its first record in 1 s [error id {}]: {}",
                        name,
                        id,
                        ar.cause().toString());
                // /ready is open to anyone: the reason names the log entry, not the exception
                ready.notReady("last batch failed (error id " + id + ", see the log)");
                vertx.setTimer(RETRY_MILLIS, t -> loop());
            } else {
                ready.ready();
                loop();
            }
        });
    }

    private Future<Void> process(KafkaConsumerRecords<String, byte[]> polled) {
        if (polled.isEmpty()) {
            return Future.succeededFuture();
        }
        // KafkaConsumerRecords.recordAt walks an iterator: copy the batch once.
        List<KafkaConsumerRecord<String, byte[]>> records = new ArrayList<>(polled.size());
        Map<TopicPartition, Long> first = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (int i = 0; i < polled.size(); i++) {
            KafkaConsumerRecord<String, byte[]> r = polled.recordAt(i);
            records.add(r);
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            first.putIfAbsent(tp, r.offset());
            next.put(tp, new OffsetAndMetadata(r.offset() + 1, instanceId));
        }
        return handler.handle(records)
                .compose(v -> consumer.commit(next).<Void>mapEmpty())
                .recover(err -> rewind(first).compose(v -> Future.failedFuture(err)));
    }

    private Future<Void> rewind(Map<TopicPartition, Long> first) {
        List<Future<Void>> seeks = new ArrayList<>();
        first.forEach((tp, offset) -> seeks.add(consumer.seek(tp, offset)));
        return Future.join(seeks).mapEmpty();
    }
}
