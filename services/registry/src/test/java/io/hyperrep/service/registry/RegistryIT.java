package io.hyperrep.service.registry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.hyper.EpochWindow;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.GeneratedCheckpoint;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.PipelineEvents.TrainingJob;
import io.hyperrep.events.Snapshot;
import io.hyperrep.events.Topics;
import io.hyperrep.events.Weights;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.service.runtime.ServiceHost;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.testkit.Chromium;
import io.hyperrep.testkit.KafkaBootstrap;
import io.hyperrep.testkit.RunningService;
import io.hyperrep.testkit.TestZoo;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The registry against a real broker: a zoo's pipeline records (dataset checkpoints, snapshot, job,
 * version, generated and evaluated models, one of them in the format from before the lineage fields)
 * are published, the registry rebuilds its view from the topics, and answers listings, lineage and
 * weights; its pages stay stable while models arrive; after a restart it answers the same (and honours
 * cursors handed out before). Every other zoo's records on the shared broker are filtered out by zoo.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RegistryIT {

    static final List<String> METHODS = List.of("kde", "uniform", "gan");
    static final int PER_METHOD = 10;

    final ObjectMapper json = new ObjectMapper();
    String bootstrap;
    String zoo;
    KafkaProducer<String, byte[]> producer;
    RunningService registry;
    AutoencoderVersion version;
    TrainingJob job;
    Snapshot snapshot;
    List<Checkpoint> dataset;
    Map<String, GeneratedModel> generated = new LinkedHashMap<>();
    int published;

    @BeforeAll
    void publishAPipelineAndStartTheRegistry(@KafkaBootstrap String bootstrap) throws Exception {
        this.bootstrap = bootstrap;
        zoo = "reg-" + UUID.randomUUID().toString().substring(0, 8);
        producer = new KafkaProducer<>(KafkaClients.of(bootstrap).producerConfig("registry-it"));
        dataset = TestZoo.checkpoints(zoo, 12, 3);
        snapshot = TestZoo.publish(bootstrap, dataset);
        job = new TrainingJob(
                "job-" + zoo,
                zoo,
                snapshot.id(),
                Topics.DATASET,
                snapshot.endOffsets(),
                TrainingJob.TRAIN,
                null,
                "2026-03-01T00:01:00Z");
        send(Topics.TRAINING_JOBS, zoo, PipelineEvents.TRAINING_JOB.encode(job));
        String sha = Checkpoint.sha256(zoo.getBytes(StandardCharsets.UTF_8));
        version = new AutoencoderVersion(
                "ae-" + zoo,
                zoo,
                job.jobId(),
                snapshot.id(),
                null,
                "file:/srv/hyperrep-artifacts/sha256/" + sha + "/",
                sha,
                "cnn-s",
                30,
                0.4,
                0.6,
                "2026-03-01T01:00:00Z",
                2);
        send(Topics.AUTOENCODERS, zoo, PipelineEvents.AUTOENCODER.encode(version));
        Random r = new Random(11);
        for (String method : METHODS) {
            for (int i = 0; i < PER_METHOD; i++) {
                publish(method, i, r.nextInt(1000) / 1000.0, i != PER_METHOD - 1);
            }
        }
        // a model as the sampler wrote it before the lineage fields: its version's record links the rest
        GeneratedModel old = model("kde-faithful", 0);
        String oldJson = new String(PipelineEvents.GENERATED_MODEL.encode(old), StandardCharsets.UTF_8)
                .replace(
                        ",\"autoencoderSha256\":\"" + version.sha256() + "\",\"jobId\":\"" + job.jobId()
                                + "\",\"epochWindow\":2",
                        "");
        assertFalse(oldJson.contains("epochWindow"), oldJson);
        send(Topics.GENERATED, old.sampleId(), oldJson.getBytes(StandardCharsets.UTF_8));
        generated.put(old.sampleId(), old);
        published++;
        send(Topics.GENERATED, "garbage-" + zoo, "not json".getBytes(StandardCharsets.UTF_8)); // counted, skipped

        registry = start("registry-it-1");
        awaitTotal(published);
    }

    @AfterAll
    void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    RunningService start(String name) throws Exception {
        ServiceHost host =
                ServiceHost.create(Settings.empty().with(Map.of("kafka.bootstrap", bootstrap), "test"), name);
        return RunningService.start(host.deploy(RegistryVerticle::new).compose(id -> host.listen(0)), host::close);
    }

    GeneratedModel model(String method, int i) {
        String id = version.versionId() + "/" + method + "/s42/n" + PER_METHOD + "/" + i;
        return new GeneratedModel(
                id,
                zoo,
                version.versionId(),
                snapshot.id(),
                method,
                Map.of("anchorCount", "4", "bandwidth", "0.3"),
                42,
                i,
                "cnn-s",
                Architectures.CNN_S.layoutHash(),
                Weights.of(TestZoo.randomWeights(id.hashCode())),
                Instant.parse("2026-03-02T00:00:00Z").plusSeconds(published).toString(),
                version.sha256(),
                job.jobId(),
                2);
    }

    GeneratedModel publish(String method, int i, double accuracy, boolean evaluate) throws Exception {
        GeneratedModel g = model(method, i);
        send(Topics.GENERATED, g.sampleId(), PipelineEvents.GENERATED_MODEL.encode(g));
        if (evaluate) {
            EvaluatedModel e = new EvaluatedModel(
                    g.sampleId(),
                    zoo,
                    g.versionId(),
                    method,
                    accuracy,
                    0.5,
                    2.0,
                    accuracy * 2 % 1.3,
                    0.4,
                    List.of(),
                    "ev",
                    g.time(),
                    null,
                    null);
            send(Topics.EVALUATED, g.sampleId(), PipelineEvents.EVALUATED_MODEL.encode(e));
        }
        generated.put(g.sampleId(), g);
        published++;
        return g;
    }

    void send(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    HttpResponse<String> get(String path) throws Exception {
        return registry.get(path);
    }

    HttpResponse<byte[]> bytes(String path) throws Exception {
        return registry.http()
                .send(
                        HttpRequest.newBuilder(registry.uri(path)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode ok(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return json.readTree(r.body());
    }

    void awaitTotal(int n) {
        await("the registry lists " + n + " models of " + zoo)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    HttpResponse<String> r = get("/api/models?zoo=" + zoo + "&limit=1");
                    return r.statusCode() == 200
                            && json.readTree(r.body()).get("total").asInt() == n;
                });
    }

    List<JsonNode> all(String params) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JsonNode page = ok("/api/models?zoo=" + zoo + "&" + params);
        page.get("models").forEach(out::add);
        while (!page.get("nextCursor").isNull()) {
            page = ok("/api/models?zoo=" + zoo + "&" + params + "&cursor="
                    + page.get("nextCursor").asText());
            page.get("models").forEach(out::add);
        }
        return out;
    }

    static List<String> ids(List<JsonNode> models) {
        return models.stream().map(m -> m.get("sampleId").asText()).toList();
    }

    @Test
    @Order(1)
    void shouldListFilterSortAndPageTheZoosModels() throws Exception {
        assertEquals(200, get("/ready").statusCode());
        JsonNode first = ok("/api/models?zoo=" + zoo + "&sort=accuracy&limit=5");
        assertEquals(published, first.get("total").asInt());
        assertTrue(first.get("facets").get("methods").toString().contains("kde-faithful"), first.toString());
        List<JsonNode> byAccuracy = all("sort=accuracy&limit=4");
        assertEquals(published, byAccuracy.size());
        assertEquals(published, new HashSet<>(ids(byAccuracy)).size(), "each model once");
        double previous = 2;
        boolean unevaluated = false;
        for (JsonNode m : byAccuracy) {
            if (m.get("accuracy").isNull()) {
                unevaluated = true;
                assertFalse(m.get("evaluated").asBoolean());
            } else {
                assertFalse(unevaluated, "evaluated models first, the others last");
                assertTrue(m.get("accuracy").asDouble() <= previous);
                previous = m.get("accuracy").asDouble();
            }
            assertTrue(m.get("weights").asBoolean());
        }
        List<JsonNode> gan = all("method=gan&minAccuracy=0.3&sort=novelty&order=asc&limit=3");
        long expected = generated.values().stream()
                        .filter(g -> g.method().equals("gan"))
                        .count()
                - 1; // the last is not evaluated
        assertTrue(
                gan.size() <= expected
                        && gan.stream()
                                .allMatch(m -> m.get("method").asText().equals("gan")
                                        && m.get("accuracy").asDouble() >= 0.3),
                gan.toString());
        List<JsonNode> newest = all("limit=100");
        List<String> reversed = new ArrayList<>(generated.keySet());
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, ids(newest), "newest first by default (generation time)");
        JsonNode one = ok("/api/models?zoo=" + zoo + "&version=" + version.versionId() + "&method=uniform&limit=1");
        assertEquals(PER_METHOD, one.get("total").asInt());
    }

    @Test
    @Order(2)
    void shouldFollowAModelsLineageToItsTrainingCheckpoints() throws Exception {
        GeneratedModel g = generated.values().iterator().next();
        String encoded = URLEncoder.encode(g.sampleId(), StandardCharsets.UTF_8);
        JsonNode d = ok("/api/models/" + encoded);
        assertEquals(d, ok("/api/models/" + g.sampleId()), "the id with its slashes names the same model");
        assertEquals(g.sampleId(), d.get("sampleId").asText());
        assertEquals("kde", d.get("sampler").get("method").asText());
        assertEquals(42, d.get("sampler").get("seed").asLong());
        assertEquals(PER_METHOD, d.get("sampler").get("count").asInt());
        assertEquals("0.3", d.get("sampler").get("parameters").get("bandwidth").asText());
        assertEquals(g.weights().sha256(), d.get("weights").get("sha256").asText());
        assertEquals(Topics.GENERATED, d.get("weights").get("topic").asText());
        assertTrue(d.get("evaluation").get("testAccuracy").isNumber());
        assertEquals(version.sha256(), d.get("autoencoder").get("sha256").asText());
        assertEquals(version.artifact(), d.get("autoencoder").get("artifact").asText());
        assertEquals(job.jobId(), d.get("trainingJob").get("jobId").asText());
        assertEquals(snapshot.id(), d.get("trainingJob").get("snapshotId").asText());
        assertEquals(
                snapshot.endOffsets().get(0).longValue(),
                d.get("snapshot").get("endOffsets").get("0").asLong());
        List<Checkpoint> train = EpochWindow.dataset(dataset, 2).train();
        JsonNode tc = d.get("trainingCheckpoints");
        assertEquals(2, tc.get("epochWindow").asInt());
        assertEquals("model", tc.get("windowSource").asText());
        assertEquals(train.size(), tc.get("count").asInt(), tc.toString());
        for (int i = 0; i < train.size(); i++) {
            assertEquals(
                    train.get(i).key(), tc.get("checkpoints").get(i).get("key").asText());
            assertEquals(
                    train.get(i).weightsSha256(),
                    tc.get("checkpoints").get(i).get("sha256").asText());
            assertTrue(train.get(i).epoch() >= 2, "the last two epochs only");
        }
        assertEquals(0, d.get("missing").size(), d.get("missing").toString());
        assertEquals(
                "/api/models/" + g.sampleId().replace("/", "%2F") + "/weights?format=onnx",
                d.get("downloads").get("onnx").asText());

        // the model from before the lineage fields: its version's record supplies artifact, job and window
        GeneratedModel old = generated.values().stream()
                .filter(x -> x.method().equals("kde-faithful"))
                .findFirst()
                .orElseThrow();
        JsonNode o = ok("/api/models/" + URLEncoder.encode(old.sampleId(), StandardCharsets.UTF_8));
        assertEquals(version.sha256(), o.get("autoencoder").get("sha256").asText());
        assertEquals(job.jobId(), o.get("trainingJob").get("jobId").asText());
        assertEquals("version", o.get("trainingCheckpoints").get("windowSource").asText());
        assertEquals(train.size(), o.get("trainingCheckpoints").get("count").asInt());
        assertTrue(o.get("evaluation").isNull());
    }

    @Test
    @Order(3)
    void shouldServeTheWeightsAsCheckpointSafetensorsAndOnnx() throws Exception {
        GeneratedModel g = generated.values().iterator().next();
        String base = "/api/models/" + URLEncoder.encode(g.sampleId(), StandardCharsets.UTF_8) + "/weights";
        HttpResponse<byte[]> cp = bytes(base);
        assertEquals(200, cp.statusCode());
        assertEquals("application/json", cp.headers().firstValue("content-type").orElse(""));
        Checkpoint c = CheckpointCodec.decode(cp.body());
        assertEquals(g.weights().sha256(), c.weightsSha256(), "the checkpoint holds the generated record's weights");
        assertEquals(GeneratedCheckpoint.modelId(g.sampleId()), c.modelId());
        assertEquals(
                g.sampleId(),
                json.readTree(cp.body()).get("generated").get("sampleId").asText());
        assertEquals(
                List.of("testAcc"),
                List.of(json.readTree(cp.body())
                        .get("generated")
                        .get("measured")
                        .get(0)
                        .asText()));

        HttpResponse<byte[]> st = bytes(base + "?format=safetensors");
        assertEquals(200, st.statusCode());
        assertTrue(st.headers().firstValue("content-disposition").orElse("").contains(".safetensors"));
        ByteBuffer b = ByteBuffer.wrap(st.body()).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) b.getLong();
        JsonNode header = json.readTree(new String(st.body(), 8, n, StandardCharsets.UTF_8));
        assertEquals(g.sampleId(), header.get("__metadata__").get("sampleId").asText());
        JsonNode last = header.get("module_list.11.bias");
        float[] tail = new float[10];
        ByteBuffer.wrap(st.body(), 8 + n + last.get("data_offsets").get(0).asInt(), 40)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer()
                .get(tail);
        float[] w = g.weights().values();
        assertEquals(w[w.length - 1], tail[9]);

        HttpResponse<byte[]> onnx = bytes(base + "?format=onnx");
        assertEquals(200, onnx.statusCode());
        assertTrue(onnx.headers().firstValue("content-disposition").orElse("").endsWith(".onnx\""));
        assertTrue(
                new String(onnx.body(), StandardCharsets.ISO_8859_1).contains("module_list.0.weight"),
                "an ONNX graph with the state_dict names");
    }

    @Test
    @Order(4)
    void shouldAnswerBadRequestsInTheErrorShape() throws Exception {
        record Bad(String path, int status, String error) {}
        String id = URLEncoder.encode(generated.keySet().iterator().next(), StandardCharsets.UTF_8);
        for (Bad bad : List.of(
                new Bad("/api/models?limit=0", 400, "INVALID_PARAMETER"),
                new Bad("/api/models?sort=size", 400, "INVALID_PARAMETER"),
                new Bad("/api/models?minAccuracy=2", 400, "INVALID_PARAMETER"),
                new Bad("/api/models?cursor=nope", 400, "INVALID_PARAMETER"),
                new Bad("/api/models?minAcc=0.5", 400, "INVALID_PARAMETER"),
                new Bad("/api/models/" + version.versionId() + "%2Fkde%2Fs42%2Fn10%2F999", 404, "UNKNOWN_MODEL"),
                new Bad("/api/models/bad%20id", 400, "INVALID_ID"),
                new Bad("/api/models/a%2F%2Fb", 400, "INVALID_ID"),
                new Bad("/api/models/" + id + "/weights?format=pickle", 400, "INVALID_PARAMETER"),
                new Bad(
                        "/api/models/" + version.versionId() + "%2Fkde%2Fs42%2Fn10%2F999/weights",
                        404,
                        "UNKNOWN_MODEL"))) {
            HttpResponse<String> r = get(bad.path());
            assertEquals(bad.status(), r.statusCode(), bad.path() + ": " + r.body());
            JsonNode e = json.readTree(r.body());
            assertEquals(bad.error(), e.get("error").asText(), r.body());
            assertTrue(e.get("message").asText().length() > 10, r.body());
            assertEquals(
                    "application/json", r.headers().firstValue("content-type").orElse(""));
        }
        String other = ok("/api/models?zoo=" + zoo + "&sort=accuracy&limit=2")
                .get("nextCursor")
                .asText();
        HttpResponse<String> mismatch = get("/api/models?zoo=" + zoo + "&sort=time&limit=2&cursor=" + other);
        assertEquals(400, mismatch.statusCode());
        assertTrue(mismatch.body().contains("cursor"), mismatch.body());
    }

    @Test
    @Order(5)
    void shouldKeepAListingsPagesStableWhileModelsArrive() throws Exception {
        List<String> before = ids(all("sort=accuracy&limit=500"));
        JsonNode page = ok("/api/models?zoo=" + zoo + "&sort=accuracy&limit=4");
        List<String> seen = new ArrayList<>(ids(toList(page)));
        Random r = new Random(5);
        int added = 0;
        while (!page.get("nextCursor").isNull()) {
            // between two pages: models that sort anywhere (some above the cursor), and the evaluation of an
            // unevaluated one
            for (int k = 0; k < 3; k++) {
                publish("neigh", added++, r.nextDouble(), true);
            }
            awaitTotal(published);
            page = ok("/api/models?zoo=" + zoo + "&sort=accuracy&limit=4&cursor="
                    + page.get("nextCursor").asText());
            assertEquals(
                    before.size(), page.get("total").asInt(), "a listing counts the models of its first page's moment");
            seen.addAll(ids(toList(page)));
        }
        assertEquals(
                before,
                seen,
                "every model of the listing's moment once, in order; none of the " + added + " that arrived meanwhile");
        assertEquals(before.size() + added, all("sort=accuracy&limit=500").size(), "a new listing has them");
    }

    static List<JsonNode> toList(JsonNode page) {
        List<JsonNode> l = new ArrayList<>();
        page.get("models").forEach(l::add);
        return l;
    }

    @Test
    @Order(6)
    void shouldRebuildFromTheTopicsOnARestartAndGiveTheSameAnswers() throws Exception {
        List<String> queries = List.of(
                "sort=accuracy&limit=6",
                "sort=novelty&order=asc&limit=9",
                "sort=time&limit=50",
                "method=neigh&minAccuracy=0.2&sort=accuracy&limit=3");
        Map<String, List<JsonNode>> answers = new LinkedHashMap<>();
        for (String q : queries) {
            answers.put(q, all(q));
        }
        String sample = generated.keySet().iterator().next();
        JsonNode lineage = ok("/api/models/" + URLEncoder.encode(sample, StandardCharsets.UTF_8));
        JsonNode page1 = ok("/api/models?zoo=" + zoo + "&sort=accuracy&limit=6");
        JsonNode page2 = ok("/api/models?zoo=" + zoo + "&sort=accuracy&limit=6&cursor="
                + page1.get("nextCursor").asText());

        registry.close();
        registry = start("registry-it-2");
        registry.awaitReady(); // rebuilt from the topics
        for (String q : queries) {
            assertEquals(answers.get(q), all(q), q + " after the restart");
        }
        assertEquals(lineage, ok("/api/models/" + URLEncoder.encode(sample, StandardCharsets.UTF_8)));
        assertEquals(
                page2,
                ok("/api/models?zoo=" + zoo + "&sort=accuracy&limit=6&cursor="
                        + page1.get("nextCursor").asText()),
                "a cursor handed out before the restart continues the same listing");
        assertTrue(
                registry.metrics().value("hyperrep_registry_unreadable_total") >= 1, "the garbage record is counted");
    }

    @Test
    @Order(7)
    void shouldShowTheModelsTheirLineageAndDownloadsInABrowser() throws Exception {
        List<GeneratedModel> kde = generated.values().stream()
                .filter(g -> g.method().equals("kde"))
                .toList();
        GeneratedModel chosen = kde.get(0);
        String url = registry.uri("/models").toString() + "?zoo=" + zoo + "&method=kde&sort=accuracy&limit=50#model="
                + URLEncoder.encode(chosen.sampleId(), StandardCharsets.UTF_8);
        String dom = Chromium.dumpDom(url);
        assertTrue(dom.contains(">live<"), "the page reached the API:\n" + dom);
        List<String> rows = matches("data-test=\"model-row\" data-sample-id=\"([^\"]+)\"", dom);
        assertEquals(
                ids(all("method=kde&sort=accuracy&limit=50")),
                rows,
                "the kde models in the API's order (accuracy, descending)");
        assertEquals(kde.size(), rows.size());
        assertTrue(dom.contains(kde.size() + " models"), "the total");
        List<String> shown =
                matches("data-test=\"accuracy\">(?:<span><span[^>]*></span>)?([0-9.]+|not evaluated)", dom);
        assertEquals(rows.size(), shown.size(), dom);
        assertEquals("not evaluated", shown.get(shown.size() - 1), "the unevaluated model last");
        assertTrue(
                dom.contains("class=\"sortable sorted\" data-sort=\"accuracy\""),
                "the accuracy column is the sorted one");
        String lineage = dom.substring(dom.indexOf("id=\"lineage\""));
        assertTrue(
                lineage.contains(chosen.sampleId())
                        && lineage.contains(version.sha256())
                        && lineage.contains(job.jobId())
                        && lineage.contains(snapshot.id()),
                "the chosen model's lineage: model, autoencoder, job, snapshot:\n" + lineage);
        assertEquals(
                EpochWindow.dataset(dataset, 2).train().size(),
                count(lineage.substring(lineage.indexOf("training-checkpoints")), "<tr>")
                        - 1
                        + (lineage.contains("more</p>")
                                ? Integer.parseInt(lineage.replaceAll("(?s).*… and (\\d+) more.*", "$1"))
                                : 0),
                "its training checkpoints");
        assertTrue(
                dom.contains("href=\"/api/models/" + chosen.sampleId().replace("/", "%2F") + "/weights?format=onnx\""),
                "download links");
        HttpResponse<byte[]> download =
                bytes("/api/models/" + chosen.sampleId().replace("/", "%2F") + "/weights?format=safetensors");
        assertEquals(200, download.statusCode(), "the link works");

        String screenshot = System.getProperty("hyperrep.screenshot");
        if (screenshot != null && !screenshot.isBlank()) {
            Chromium.screenshot(url, Path.of(screenshot), 1600, 1000);
        }
    }

    /** The first group of every match of {@code regex} in {@code text}, in order. */
    static List<String> matches(String regex, String text) {
        return java.util.regex.Pattern.compile(regex)
                .matcher(text)
                .results()
                .map(m -> m.group(1))
                .toList();
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
