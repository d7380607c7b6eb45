package io.hyperrep.service.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.DatasetHeaders;
import io.hyperrep.events.DeadLetterHeaders;
import io.hyperrep.events.Snapshot;
import io.hyperrep.events.SnapshotCodec;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.DatasetReader;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.service.runtime.ServiceHost;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.testkit.KafkaBootstrap;
import io.hyperrep.testkit.RunningService;
import io.hyperrep.testkit.TopicProbe;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ingest service against a real broker: the bad-input corpus, redelivery, restarts, snapshots, HTTP. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class IngestIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> KAFKA_ONLY =
            Set.of("unknown major version", "unknown event type", "no CloudEvents headers", "wrong key");
    static final String TOKEN = "ingest-it-token";

    static RunningService start(String bootstrap, String group) throws Exception {
        return start(bootstrap, group, Map.of());
    }

    static RunningService start(String bootstrap, String group, Map<String, String> more) throws Exception {
        Map<String, String> m = new java.util.HashMap<>(Map.of(
                "kafka.bootstrap",
                bootstrap,
                "ingest.group",
                group,
                "ingest.snapshot.quiet",
                "1s",
                "http.auth.tokens",
                TOKEN));
        m.putAll(more);
        Settings s = Settings.empty().with(m, "test");
        ServiceHost host = ServiceHost.create(s, "ingest-test");
        return RunningService.start(host.deploy(IngestVerticle::new).compose(id -> host.listen(0)), host::close);
    }

    static void send(KafkaProducer<String, byte[]> p, BadCheckpoints.Input in) throws Exception {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.CHECKPOINTS, in.key(), in.value());
        in.headers().forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        p.send(r).get(30, TimeUnit.SECONDS);
    }

    static List<ConsumerRecord<String, byte[]>> ofZoo(
            String bootstrap, String topic, String zoo, int atLeast, Duration settle) {
        return TopicProbe.read(
                        bootstrap,
                        topic,
                        rs -> rs.stream()
                                        .filter(r -> r.key() != null && r.key().startsWith(zoo + "/"))
                                        .count()
                                >= atLeast,
                        WAIT,
                        settle)
                .stream()
                .filter(r -> r.key() != null && r.key().startsWith(zoo + "/"))
                .toList();
    }

    @Test
    void shouldSendEveryBadRecordToTheDeadLetterTopicAndEveryValidOneToTheDataset(@KafkaBootstrap String bootstrap)
            throws Exception {
        String zoo = "ingest-" + UUID.randomUUID().toString().substring(0, 8);
        RunningService ingest = start(bootstrap, "ingest-" + zoo);
        Map<String, Object> cfg = KafkaClients.of(bootstrap).producerConfig("test");
        cfg.put("max.request.size", Topics.TOPIC_MAX_MESSAGE_BYTES);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(cfg)) {
            Checkpoint existing = BadCheckpoints.valid(zoo, 0, 1, 0);
            send(producer, BadCheckpoints.input("first", existing));
            assertEquals(
                    1, ofZoo(bootstrap, Topics.DATASET, zoo, 1, Duration.ZERO).size());

            List<BadCheckpoints.Input> corpus = BadCheckpoints.corpus(zoo, existing);
            List<BadCheckpoints.Input> valid = new ArrayList<>();
            for (int i = 0; i < corpus.size(); i++) {
                BadCheckpoints.Input ok =
                        BadCheckpoints.input("valid " + i, BadCheckpoints.valid(zoo, 1 + i / 3, i % 3, 1 + i / 3));
                valid.add(ok);
                send(producer, corpus.get(i));
                send(producer, ok);
            }

            var dead =
                    ofZoo(bootstrap, Topics.deadLetter(Topics.CHECKPOINTS), zoo, corpus.size(), Duration.ofSeconds(1));
            Map<String, Long> expected = corpus.stream()
                    .collect(Collectors.groupingBy(in -> in.expected().name(), TreeMap::new, Collectors.counting()));
            Map<String, Long> actual = dead.stream()
                    .collect(Collectors.groupingBy(
                            r -> TopicProbe.header(r, DeadLetterHeaders.REASON), TreeMap::new, Collectors.counting()));
            assertEquals(expected, actual, "every bad record dead-lettered once, with its reason");
            for (var r : dead) {
                assertNotNull(TopicProbe.header(r, DeadLetterHeaders.SOURCE_OFFSET));
                assertEquals(Topics.CHECKPOINTS, TopicProbe.header(r, DeadLetterHeaders.SOURCE_TOPIC));
                assertTrue(TopicProbe.header(r, DeadLetterHeaders.MESSAGE).length() > 5);
            }
            var notJson = dead.stream()
                    .filter(r -> "NOT_JSON".equals(TopicProbe.header(r, DeadLetterHeaders.REASON)))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    "this is not json",
                    new String(notJson.value(), StandardCharsets.UTF_8),
                    "the rejected bytes are kept unchanged");

            var data = ofZoo(bootstrap, Topics.DATASET, zoo, valid.size() + 1, Duration.ofSeconds(1));
            Set<String> keys = data.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
            assertEquals(valid.size() + 1, data.size(), "each valid checkpoint written once");
            valid.forEach(v -> assertTrue(keys.contains(v.key()), v.key()));
            for (var r : data) {
                // under the names every reader of the dataset uses
                Checkpoint c = CheckpointCodec.decode(r.value());
                assertEquals(c.weightsSha256(), TopicProbe.header(r, DatasetHeaders.SHA256), r.key());
                assertEquals(c.arch(), TopicProbe.header(r, DatasetHeaders.ARCH), r.key());
                assertTrue(TopicProbe.header(r, DatasetHeaders.SOURCE).startsWith(Topics.CHECKPOINTS + "/"), r.key());
            }

            // Redelivery and re-publishing change nothing: not the dataset, not the dead letters.
            for (var v : valid) {
                send(producer, v);
            }
            awaitCounter(ingest, "outcome=\"unchanged\"", valid.size());
            assertEquals(
                    valid.size() + 1,
                    ofZoo(bootstrap, Topics.DATASET, zoo, valid.size() + 1, Duration.ZERO)
                            .size());

            // The last snapshot of the zoo holds exactly the accepted checkpoints, rebuildable from its offsets.
            var snaps = TopicProbe.read(
                    bootstrap,
                    Topics.SNAPSHOTS,
                    rs -> rs.stream()
                            .map(r -> SnapshotCodec.decode(r.value()))
                            .anyMatch(s -> s.zooId().equals(zoo) && s.checkpoints() == valid.size() + 1),
                    WAIT,
                    Duration.ZERO);
            Snapshot last = snaps.stream()
                    .map(r -> SnapshotCodec.decode(r.value()))
                    .filter(s -> s.zooId().equals(zoo))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertEquals(valid.size() + 1, last.checkpoints());
            assertEquals(1 + (corpus.size() - 1) / 3 + 1, last.models());
            var rebuilt = DatasetReader.read(
                    KafkaClients.of(bootstrap), last.topic(), last.endOffsets(), k -> k.startsWith(zoo + "/"), true);
            assertEquals(keys, rebuilt.stream().map(DatasetReader.Entry::key).collect(Collectors.toSet()));

            // The service is still up and reports what it did.
            assertEquals(200, ingest.get("/ready").statusCode());
            String metrics = ingest.metrics().text();
            assertTrue(
                    metrics.contains("hyperrep_ingest_checkpoints_total{outcome=\"rejected\",reason=\"DUPLICATE\"}"),
                    "metrics name outcomes");
            assertTrue(metrics.contains("hyperrep_ingest_snapshots_total"));
            assertTrue(metrics.contains("kafka_consumer_"), "Kafka client metrics are bound");

            // A restarted ingest rebuilds its index from the dataset: a redelivered record is still unchanged.
            ingest.close();
            ingest = start(bootstrap, "ingest-" + zoo + "-2");
            send(producer, valid.get(0));
            awaitCounter(ingest, "outcome=\"unchanged\"", 1);
            assertEquals(
                    valid.size() + 1,
                    ofZoo(bootstrap, Topics.DATASET, zoo, valid.size() + 1, Duration.ZERO)
                            .size());
        } finally {
            ingest.close();
        }
    }

    @Test
    void shouldIngestABurstOfManyOverlappingBatchesExactlyOnce(@KafkaBootstrap String bootstrap) throws Exception {
        String zoo = "burst-" + UUID.randomUUID().toString().substring(0, 8);
        // small batches: ~16 of them, each checked while the one before is being written and committed
        RunningService ingest = start(bootstrap, "ingest-" + zoo, Map.of("ingest.batch", "97"));
        int n = 1500;
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClients.of(bootstrap).producerConfig("test"))) {
            for (int i = 0; i < n; i++) {
                Checkpoint c = BadCheckpoints.valid(zoo, i / 5, i % 5, i);
                ProducerRecord<String, byte[]> r =
                        new ProducerRecord<>(Topics.CHECKPOINTS, c.key(), CheckpointCodec.encode(c));
                CheckpointCodec.headers(c, java.time.Instant.now()).asMap().forEach((k, v) -> r.headers()
                        .add(k, v.getBytes(StandardCharsets.UTF_8)));
                var unused = producer.send(r);
            }
            producer.flush();
            List<ConsumerRecord<String, byte[]>> written =
                    ofZoo(bootstrap, Topics.DATASET, zoo, n, Duration.ofMillis(500));
            assertEquals(n, written.size(), "every record of the burst, once");
            assertEquals(n, written.stream().map(ConsumerRecord::key).distinct().count(), "no key twice");
            var snapshot = TopicProbe.read(
                    bootstrap,
                    Topics.SNAPSHOTS,
                    rs -> rs.stream()
                            .map(r -> SnapshotCodec.decode(r.value()))
                            .anyMatch(sn -> sn.zooId().equals(zoo) && sn.checkpoints() == n),
                    WAIT,
                    Duration.ZERO);
            assertTrue(
                    snapshot.stream()
                            .map(r -> SnapshotCodec.decode(r.value()))
                            .anyMatch(sn -> sn.zooId().equals(zoo) && sn.checkpoints() == n),
                    "a snapshot holding all " + n);
        } finally {
            ingest.close();
        }
    }

    @Test
    void shouldAnswerUploadsWithTheOutcomeOrAJsonError(@KafkaBootstrap String bootstrap) throws Exception {
        String zoo = "upload-" + UUID.randomUUID().toString().substring(0, 8);
        RunningService ingest = start(bootstrap, "ingest-" + zoo);
        try {
            Checkpoint c = BadCheckpoints.valid(zoo, 0, 0, 0);
            var first = post(ingest, CheckpointCodec.encode(c));
            assertEquals(202, first.statusCode(), first.body());
            assertEquals("accepted", new JsonObject(first.body()).getString("outcome"));
            var again = post(ingest, CheckpointCodec.encode(c));
            assertEquals(200, again.statusCode());
            assertEquals("unchanged", new JsonObject(again.body()).getString("outcome"));
            assertEquals(
                    1,
                    ofZoo(bootstrap, Topics.DATASET, zoo, 1, Duration.ofMillis(500))
                            .size());

            for (var bad : BadCheckpoints.corpus(zoo, c)) {
                if (KAFKA_ONLY.contains(bad.name())) {
                    continue; // properties of the Kafka record (headers, key), not of an upload body
                }
                var r = post(ingest, bad.value());
                assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, bad.name() + " -> " + r.statusCode());
                JsonObject body = new JsonObject(r.body());
                assertEquals(bad.expected().name(), body.getString("error"), bad.name());
                assertTrue(body.getString("message").length() > 5);
            }
            assertEquals(
                    1,
                    ofZoo(bootstrap, Topics.DATASET, zoo, 1, Duration.ofMillis(500))
                            .size(),
                    "nothing bad got in");
            assertEquals(200, ingest.get("/health").statusCode());
        } finally {
            ingest.close();
        }
    }

    /** Waits until the checkpoints counter with {@code label} reaches {@code value}: the service has seen that many. */
    private static void awaitCounter(RunningService ingest, String label, double value) {
        ingest.awaitMetrics(
                "hyperrep_ingest_checkpoints_total{" + label + "} >= " + value,
                m -> m.sum("hyperrep_ingest_checkpoints_total", label) >= value);
    }

    @Test
    void shouldPauseAndRefuseUploadsWhileASecondInstanceSharesTheGroup(@KafkaBootstrap String bootstrap)
            throws Exception {
        String zoo = "sole-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "ingest-" + zoo;
        RunningService a = start(bootstrap, group);
        try {
            a.awaitReadiness(200);
            RunningService b = start(bootstrap, group);
            try {
                HttpResponse<String> notReady = a.awaitReadiness(503);
                assertTrue(notReady.body().contains("another ingest instance shares group " + group), notReady.body());
                var refused = post(a, CheckpointCodec.encode(BadCheckpoints.valid(zoo, 0, 0, 0)));
                assertEquals(503, refused.statusCode(), refused.body());
                assertEquals("NOT_READY", new JsonObject(refused.body()).getString("error"));
                assertEquals(0.0, a.metrics().value("hyperrep_ingest_sole_member"));
            } finally {
                b.close();
            }
            a.awaitReadiness(200); // alone again: resumed
            assertEquals(
                    202,
                    post(a, CheckpointCodec.encode(BadCheckpoints.valid(zoo, 0, 0, 0)))
                            .statusCode());
            assertEquals(1.0, a.metrics().value("hyperrep_ingest_sole_member"));
        } finally {
            a.close();
        }
    }

    private static HttpResponse<String> post(RunningService ingest, byte[] body) throws Exception {
        return upload(ingest, TOKEN, body);
    }

    /** {@code POST /api/checkpoints} with {@code token}. */
    static HttpResponse<String> upload(RunningService ingest, String token, byte[] body) throws Exception {
        return ingest.send(HttpRequest.newBuilder(ingest.uri("/api/checkpoints"))
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }
}
