package io.hyperrep.service.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.DeadLetterHeaders;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.PipelineEvents.GenerationRequest;
import io.hyperrep.events.Snapshot;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.service.runtime.ServiceHost;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.testkit.DeadLetters;
import io.hyperrep.testkit.EventRecords;
import io.hyperrep.testkit.KafkaBootstrap;
import io.hyperrep.testkit.RunningService;
import io.hyperrep.testkit.Scrape;
import io.hyperrep.testkit.TestZoo;
import io.hyperrep.testkit.TopicProbe;
import io.hyperrep.zoo.generate.Generation;
import io.hyperrep.zoo.testing.TinyAutoencoder;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sampler against a real broker with a real (tiny) autoencoder: models per method for a new
 * version with lineage, the same models under the same ids on redelivery, requests by Kafka and HTTP,
 * and what it does with bad requests and unusable versions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SamplerIT {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final int COUNT = 4;
    static final String TOKEN = "sampler-it-token";

    private String bootstrap;
    private String zoo;
    private AutoencoderVersion version;
    private ProducerRecord<String, byte[]> versionRecord;
    private KafkaProducer<String, byte[]> producer;
    private RunningService sampler;
    private Path artifacts;

    @BeforeAll
    void publishAZooAndItsAutoencoderThenStartTheSampler(@KafkaBootstrap String bootstrap, @TempDir Path tmp)
            throws Exception {
        this.bootstrap = bootstrap;
        zoo = "smp-" + UUID.randomUUID().toString().substring(0, 8);
        producer = new KafkaProducer<>(KafkaClients.of(bootstrap).producerConfig("sampler-it"));
        List<Checkpoint> checkpoints = TestZoo.checkpoints(zoo, 12, 2);
        Snapshot s = TestZoo.publish(bootstrap, checkpoints);
        artifacts = tmp.resolve("artifacts");
        // The autoencoder as the trainer would leave it: trained on the snapshot's window, stored without its state.
        version = TinyAutoencoder.trainVersion(s, checkpoints, null, tmp, artifacts);
        versionRecord = EventRecords.event(Topics.AUTOENCODERS, zoo, PipelineEvents.AUTOENCODER, version);

        Map<String, Object> cfg = settings("sampler-" + zoo);
        cfg.put("http.auth.tokens", TOKEN);
        sampler = start(cfg, "sampler-test");
        producer.send(versionRecord).get();
    }

    @AfterAll
    void stop() throws Exception {
        // Kept apart (duplicates): RegistryIT tears down its own fields the same way; two null checks are clearer
        // than a shared closer.
        if (sampler != null) {
            sampler.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void shouldGenerateEachMethodsModelsWithLineageAndTheSameOnesAgainOnRedelivery() throws Exception {
        Predicate<GeneratedModel> auto = g -> g.sampleId().startsWith(version.versionId() + "/")
                && g.sampleId().contains("/s42/n" + COUNT + "/");
        List<ConsumerRecord<String, byte[]>> first = generated(auto, 2 * COUNT, Duration.ofSeconds(1));
        assertEquals(2 * COUNT, first.size(), "count models per configured method (kde, uniform), once each");
        Map<String, Long> perMethod = first.stream()
                .map(r -> PipelineEvents.GENERATED_MODEL.decode(r.value()))
                .collect(Collectors.groupingBy(GeneratedModel::method, Collectors.counting()));
        assertEquals(Map.of("kde", (long) COUNT, "uniform", (long) COUNT), perMethod);
        for (var r : first) {
            GeneratedModel g = PipelineEvents.GENERATED_MODEL.decode(r.value());
            assertEquals(g.sampleId(), r.key());
            assertEquals(Generation.sampleId(version.versionId(), g.method(), 42, COUNT, g.index()), g.sampleId());
            assertEquals(PipelineEvents.GENERATED_MODEL.eventType(), TopicProbe.header(r, "ce_type"));
            assertEquals(g.sampleId(), TopicProbe.header(r, "ce_id"));
            assertEquals(zoo, g.zooId());
            assertEquals(version.snapshotId(), g.snapshotId());
            assertEquals("cnn-s", g.arch());
            assertEquals(Architectures.CNN_S.layoutHash(), g.layoutHash());
            assertEquals(
                    Architectures.CNN_S.parameterCount(),
                    g.weights().values().length,
                    "finite weights of the right count");
            assertEquals("validation", g.samplerParameters().get("anchorMetric"));
            assertEquals("16", g.samplerParameters().get("trainingCheckpoints"), "8 training models x epochs 1..2");
        }

        producer.send(versionRecord).get(); // the same version again, as after a crash before the commit
        List<ConsumerRecord<String, byte[]>> both = generated(auto, 4 * COUNT, Duration.ofSeconds(1));
        assertEquals(4 * COUNT, both.size());
        Map<String, Set<String>> digests = both.stream()
                .map(r -> PipelineEvents.GENERATED_MODEL.decode(r.value()))
                .collect(Collectors.groupingBy(
                        GeneratedModel::sampleId,
                        Collectors.mapping(g -> g.weights().sha256(), Collectors.toSet())));
        assertEquals(2 * COUNT, digests.size(), "the same ids again");
        digests.forEach((id, d) -> assertEquals(1, d.size(), id + " got other weights on redelivery"));

        Scrape metrics = sampler.metrics();
        assertEquals(2.0 * COUNT, metrics.value("hyperrep_sampler_generated_total{method=\"kde\"}"), metrics.text());
        assertTrue(metrics.value("hyperrep_sampler_generation_seconds_count{method=\"uniform\"}") >= 2);
        assertEquals(200, sampler.get("/ready").statusCode());
    }

    @Test
    void shouldServeRequestsFromKafkaAndHttpAndDeadLetterTheBadOnes() throws Exception {
        // A version that cannot be used (no such artifact) is counted and skipped; the sampler carries on.
        AutoencoderVersion broken = new AutoencoderVersion(
                "ae-broken-" + zoo,
                zoo + "-broken",
                "job",
                version.snapshotId(),
                null,
                "file:/none",
                "b".repeat(64),
                "cnn-s",
                1,
                0,
                0,
                Instant.now().toString(),
                null);
        producer.send(EventRecords.event(Topics.AUTOENCODERS, broken.zooId(), PipelineEvents.AUTOENCODER, broken))
                .get();

        GenerationRequest ok = new GenerationRequest(
                "kreq-" + zoo, zoo, "kde", 2, 9, Instant.now().toString());
        producer.send(EventRecords.event(Topics.GENERATION_REQUESTS, zoo, PipelineEvents.GENERATION_REQUEST, ok))
                .get();
        List<String> ids = Generation.sampleIds(version.versionId(), "kde", 9, 2);
        assertEquals(
                2,
                generated(g -> ids.contains(g.sampleId()), 2, Duration.ZERO).size(),
                "a Kafka request served from the zoo's version");
        assertTrue(sampler.metrics().value("hyperrep_sampler_rejected_total{reason=\"VERSION_UNUSABLE\"}") >= 1);

        String bad = "bad-" + zoo;
        byte[] valid = PipelineEvents.GENERATION_REQUEST.encode(ok);
        Map<String, String> ce = EventRecords.headers(PipelineEvents.GENERATION_REQUEST);
        send(Topics.GENERATION_REQUESTS, bad + "-1", "not json".getBytes(StandardCharsets.UTF_8), ce);
        send(Topics.GENERATION_REQUESTS, bad + "-2", valid, Map.of());
        send(
                Topics.GENERATION_REQUESTS,
                bad + "-3",
                PipelineEvents.GENERATION_REQUEST.encode(new GenerationRequest(
                        "r3", zoo, "gan9", 2, 1, Instant.now().toString())),
                ce);
        send(
                Topics.GENERATION_REQUESTS,
                bad + "-4",
                PipelineEvents.GENERATION_REQUEST.encode(new GenerationRequest(
                        "r4", "no-such-zoo", "kde", 2, 1, Instant.now().toString())),
                ce);
        send(
                Topics.GENERATION_REQUESTS,
                bad + "-5",
                new String(valid, StandardCharsets.UTF_8)
                        .replace("\"count\":2", "\"count\":0")
                        .getBytes(StandardCharsets.UTF_8),
                ce);
        var dead = DeadLetters.read(bootstrap, Topics.GENERATION_REQUESTS, bad + "-", 5, WAIT, Duration.ofMillis(500));
        assertEquals(
                Map.of(
                        "1",
                        "NOT_JSON",
                        "2",
                        "MISSING_HEADER",
                        "3",
                        "UNKNOWN_METHOD",
                        "4",
                        "UNKNOWN_ZOO",
                        "5",
                        "INVALID_FIELD"),
                DeadLetters.reasons(dead, bad + "-"));
        DeadLetters.assertDescribed(dead, Topics.GENERATION_REQUESTS);
        String unknownMethod = dead.stream()
                .filter(r -> r.key().endsWith("-3"))
                .map(r -> TopicProbe.header(r, DeadLetterHeaders.MESSAGE))
                .findFirst()
                .orElseThrow();
        assertTrue(
                unknownMethod.contains("kde") && unknownMethod.contains("uniform"),
                "lists the known methods: " + unknownMethod);

        assertError(
                post(sampler, null, "{\"zooId\":\"" + zoo + "\",\"method\":\"uniform\",\"count\":3,\"seed\":7}"),
                401,
                "UNAUTHORIZED");
        assertError(
                post(
                        sampler,
                        "not-" + TOKEN,
                        "{\"zooId\":\"" + zoo + "\",\"method\":\"uniform\",\"count\":3,\"seed\":7}"),
                403,
                "FORBIDDEN");
        var accepted = post("{\"zooId\":\"" + zoo + "\",\"method\":\"uniform\",\"count\":3,\"seed\":7}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonObject body = new JsonObject(accepted.body());
        assertTrue(body.getString("requestId").startsWith("req-"));
        assertEquals(version.versionId(), body.getString("versionId"));
        List<String> httpIds =
                body.getJsonArray("sampleIds").stream().map(Object::toString).toList();
        assertEquals(Generation.sampleIds(version.versionId(), "uniform", 7, 3), httpIds);
        // accepted = on the requests topic already, so a sampler crash after the 202 loses nothing
        String requestId = body.getString("requestId");
        Predicate<ConsumerRecord<String, byte[]>> isIt = r -> zoo.equals(r.key())
                && r.value() != null
                && new String(r.value(), StandardCharsets.UTF_8).contains(requestId);
        var queued = TopicProbe.read(
                        bootstrap,
                        Topics.GENERATION_REQUESTS,
                        rs -> rs.stream().anyMatch(isIt),
                        Duration.ofSeconds(5),
                        Duration.ZERO)
                .stream()
                .filter(isIt)
                .toList();
        assertEquals(1, queued.size(), "the accepted request is on " + Topics.GENERATION_REQUESTS);
        GenerationRequest q =
                PipelineEvents.GENERATION_REQUEST.decode(queued.get(0).value());
        assertEquals(new GenerationRequest(requestId, zoo, "uniform", 3, 7, q.time()), q);
        assertEquals(
                3,
                generated(g -> httpIds.contains(g.sampleId()), 3, Duration.ZERO).size(),
                "the announced samples are published");

        assertError(post("not json"), 400, "NOT_JSON");
        assertError(post("{\"zooId\":\"" + zoo + "\",\"count\":3}"), 400, "MISSING_FIELD");
        assertTrue(
                assertError(post("{\"zooId\":\"" + zoo + "\",\"method\":\"gan9\",\"count\":3}"), 422, "UNKNOWN_METHOD")
                        .contains("kde"));
        assertError(post("{\"zooId\":\"" + zoo + "\",\"method\":\"kde\",\"count\":0}"), 422, "OUT_OF_RANGE");
        assertTrue(
                assertError(post("{\"zooId\":\"nope\",\"method\":\"kde\",\"count\":3}"), 404, "UNKNOWN_ZOO")
                        .contains(zoo),
                "names the zoos that have a version");
        assertEquals(200, sampler.get("/ready").statusCode());
    }

    /** Runs last: it publishes a later version of the zoo, which the other tests expect to be {@code version}. */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void shouldGenerateOnlyFromEachZoosLatestVersionInANewGroup() throws Exception {
        AutoencoderVersion later = new AutoencoderVersion(
                "ae2-" + zoo,
                zoo,
                "job2-" + zoo,
                version.snapshotId(),
                version.versionId(),
                version.artifact(),
                version.sha256(),
                "cnn-s",
                1,
                0.1,
                0.5,
                Instant.now().toString(),
                null);
        producer.send(EventRecords.event(Topics.AUTOENCODERS, zoo, PipelineEvents.AUTOENCODER, later))
                .get();
        Map<String, Object> cfg = settings("sampler-new-" + zoo);
        Predicate<GeneratedModel> firstAuto = g -> g.sampleId().startsWith(version.versionId() + "/")
                && g.sampleId().contains("/s42/n" + COUNT + "/");
        Predicate<GeneratedModel> laterAuto = g ->
                g.sampleId().startsWith(later.versionId() + "/") && g.sampleId().contains("/s42/n" + COUNT + "/");
        // At least the first test's models, then a while longer for the rest: a fresh probe that stopped at 0
        // records could count before it was assigned its partitions.
        int firstBefore = generated(firstAuto, 2 * COUNT, Duration.ofSeconds(2)).size();
        try (RunningService fresh = start(cfg, "sampler-fresh")) {
            // The later version is the last record of the zoo's partition: once both groups served it, the fresh one is
            // past the first.
            var laterRecords = generated(laterAuto, 4 * COUNT, Duration.ZERO);
            assertEquals(4 * COUNT, laterRecords.size(), "each group generated the later version once");
            assertEquals(
                    2 * COUNT,
                    laterRecords.stream().map(ConsumerRecord::key).distinct().count(),
                    "under the same sample ids");
            assertEquals(
                    firstBefore,
                    generated(firstAuto, firstBefore, Duration.ofSeconds(2)).size(),
                    "the fresh group skipped the superseded version");
            Scrape metrics = fresh.metrics();
            assertTrue(metrics.value("hyperrep_sampler_rejected_total{reason=\"SUPERSEDED\"}") >= 1, metrics.text());
        }
    }

    /**
     * {@code POST /api/generate} limits: each client (token) has its own request budget, answered 429 with
     * Retry-After when spent; the models requested and not yet generated are capped for everyone (503 BUSY),
     * until the group has served them.
     */
    @Test
    void shouldLimitEachClientsRequestRateAndTheModelsPendingAtOnce() throws Exception {
        Map<String, Object> cfg = settings("sampler-limits-" + zoo);
        cfg.put("http.auth.tokens", "client-a,client-b");
        cfg.put("sampler.generate.rate", 0.05); // one request per 20 s after the burst
        cfg.put("sampler.generate.burst", 3);
        cfg.put("sampler.generate.pending.max", 300);
        try (RunningService limited = start(cfg, "sampler-limits-test")) {
            String big = "{\"zooId\":\"" + zoo + "\",\"method\":\"uniform\",\"count\":300,\"seed\":11}";
            String one = "{\"zooId\":\"" + zoo + "\",\"method\":\"uniform\",\"count\":1,\"seed\":12}";
            var accepted = post(limited, "client-a", big);
            assertEquals(202, accepted.statusCode(), accepted.body());
            var busy = post(limited, "client-a", one);
            assertError(busy, 503, "BUSY");
            assertTrue(
                    busy.headers().firstValue("retry-after").isPresent(),
                    busy.headers().toString());
            assertError(post(limited, "client-b", one), 503, "BUSY"); // the cap is everyone's
            post(limited, "client-a", one);
            var limitedA = post(limited, "client-a", one);
            assertError(limitedA, 429, "RATE_LIMITED");
            long retryAfter =
                    Long.parseLong(limitedA.headers().firstValue("retry-after").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 20, "retry after " + retryAfter + " s");

            // Once the group has generated and committed the 300, client B (its own budget) gets through.
            List<String> ids = new JsonObject(accepted.body())
                    .getJsonArray("sampleIds").stream().map(Object::toString).toList();
            assertEquals(
                    300,
                    generated(g -> ids.contains(g.sampleId()), 300, Duration.ZERO)
                            .size());
            // The commit follows the last acknowledged model. Two tries, not an open-ended wait: each try spends one of
            // client B's two remaining requests, and a third would be refused 429 whatever the group had done.
            HttpResponse<String> after = null;
            for (int attempt = 0; attempt < 2 && (after == null || after.statusCode() != 202); attempt++) {
                Thread.sleep(1500);
                after = post(limited, "client-b", one);
            }
            assertEquals(202, after.statusCode(), after.body());
        }
    }

    // ---- helpers ----

    private List<ConsumerRecord<String, byte[]>> generated(
            Predicate<GeneratedModel> which, int atLeast, Duration settle) {
        Predicate<ConsumerRecord<String, byte[]>> mine =
                r -> which.test(PipelineEvents.GENERATED_MODEL.decode(r.value()));
        return TopicProbe.read(
                        bootstrap,
                        Topics.GENERATED,
                        rs -> rs.stream().filter(mine).count() >= atLeast,
                        WAIT,
                        settle)
                .stream()
                .filter(mine)
                .toList();
    }

    private void send(String topic, String key, byte[] value, Map<String, String> headers) throws Exception {
        producer.send(EventRecords.record(topic, key, value, headers)).get();
    }

    /** The sampler's settings in this test: a group of its own, reading every version from the start. */
    private Map<String, Object> settings(String group) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("kafka.bootstrap", bootstrap);
        cfg.put("artifacts.dir", artifacts.toString());
        cfg.put("sampler.count", COUNT);
        cfg.put("sampler.group", group);
        return cfg;
    }

    /** Asserts a JSON error answer; returns its message. */
    private static String assertError(HttpResponse<String> r, int status, String error) {
        assertEquals(status, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        assertEquals(error, body.getString("error"), r.body());
        assertTrue(body.getString("message").length() > 5, r.body());
        return body.getString("message");
    }

    private static RunningService start(Map<String, Object> cfg, String name) throws Exception {
        ServiceHost host = ServiceHost.create(Settings.empty().with(cfg, "test"), name);
        return RunningService.start(host.deploy(SamplerVerticle::new).compose(id -> host.listen(0)), host::close);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(sampler, TOKEN, body);
    }

    private static HttpResponse<String> post(RunningService to, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(to.uri("/api/generate"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        return to.send(b);
    }
}
