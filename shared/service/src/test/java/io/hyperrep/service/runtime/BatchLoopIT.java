package io.hyperrep.service.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.testkit.KafkaBootstrap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shared consume loop against a real broker: a failed batch is handled again from its first record; a settled one is committed. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BatchLoopIT {

    @Test
    void shouldHandleAFailedBatchAgainFromItsFirstRecordAndCommitOnlyWhatSettled(@KafkaBootstrap String bootstrap)
            throws Exception {
        String topic = "batch-loop-" + UUID.randomUUID().toString().substring(0, 8);
        String group = topic + "-group";
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, byte[]> p =
                new KafkaProducer<>(KafkaClients.of(bootstrap).producerConfig("batch-loop-test"))) {
            for (int i = 0; i < 5; i++) {
                p.send(new ProducerRecord<>(topic, 0, "k" + i, new byte[] {(byte) i}))
                        .get();
            }
        }
        Vertx vertx = Vertx.vertx();
        Readiness readiness = new Readiness();
        Readiness.Check ready = readiness.register("test", "starting");
        List<Long> handled = new CopyOnWriteArrayList<>();
        AtomicInteger batches = new AtomicInteger();
        List<Boolean> readyAfterFailure = new CopyOnWriteArrayList<>();
        try {
            KafkaConsumer<String, byte[]> consumer = VertxKafka.consumer(
                    vertx, KafkaClients.of(bootstrap), group, "batch-loop-test", Map.of("max.poll.records", 3));
            BatchLoop loop = new BatchLoop(vertx, consumer, "test", "member-1", ready, batch -> {
                int n = batches.incrementAndGet();
                batch.forEach(r -> handled.add(r.offset()));
                if (n == 2) {
                    return Future.failedFuture(new IllegalStateException("the second batch's write was refused"));
                }
                if (n == 3) {
                    readyAfterFailure.add(ready.isReady());
                }
                return Future.succeededFuture();
            });
            vertx.runOnContext(v -> consumer.subscribe(topic).onSuccess(x -> loop.start()));
            await("everything committed in the end")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> committed(bootstrap, group, topic) == 5);
            assertEquals(
                    List.of(0L, 1L, 2L, 3L, 4L, 3L, 4L),
                    handled,
                    "the failed batch (3, 4) was handled again from its first record");
            assertEquals(List.of(false), readyAfterFailure, "not ready while a failed batch is retried");
            assertTrue(ready.isReady(), "ready again once a batch settled");
            loop.stop(10).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            consumer.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    private static long committed(String bootstrap, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            var offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            var o = offsets.get(new TopicPartition(topic, 0));
            return o == null ? -1 : o.offset();
        }
    }
}
