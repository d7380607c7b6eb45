package io.hyperrep.service.dashboard;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.events.DeadLetterHeaders;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.PipelineEvents.TrainingProgress;
import io.hyperrep.events.Snapshot;
import io.hyperrep.events.SnapshotCodec;
import io.hyperrep.events.Topics;
import io.hyperrep.events.Weights;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.TopicAdmin;
import io.hyperrep.service.runtime.ServiceHost;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.testkit.Chromium;
import io.hyperrep.testkit.KafkaBootstrap;
import io.hyperrep.testkit.RunningService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard against a real broker and a real browser: pipeline events published to their topics
 * show up in {@code GET /api/dashboard}, and headless Chromium, running the page's script, draws them
 * (the DOM it dumps after the page has polled holds the zoo, the loss curve, one histogram bar per
 * non-empty accuracy bin with the anchors' and the zoo's accuracy as labelled lines on it, the novelty and the
 * mean as a fraction of the anchors' beside it, the version and the dead letter).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DashboardIT {

    private static final String TOKEN = "dashboard-it-token";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldShowThePipelineAsJsonAndDrawItInABrowser(@KafkaBootstrap String bootstrap) throws Exception {
        String zoo = "dash-" + UUID.randomUUID().toString().substring(0, 8);
        String now = Instant.now().toString();
        try (TopicAdmin admin = TopicAdmin.connect(KafkaClients.of(bootstrap), Duration.ofSeconds(30))) {
            admin.ensureAllTopics(io.hyperrep.kafka.TopicPolicy.create(4));
        }
        // reads protected too: the page must carry the token it was opened with
        ServiceHost host = ServiceHost.create(
                Settings.empty()
                        .with(
                                Map.of(
                                        "kafka.bootstrap",
                                        bootstrap,
                                        "http.auth.tokens",
                                        TOKEN,
                                        "http.auth.reads",
                                        "true"),
                                "test"),
                "dashboard-it");
        try (RunningService dashboard = RunningService.start(
                                host.deploy(DashboardVerticle::new).compose(id -> host.listen(0)), host::close)
                        .withToken(TOKEN);
                KafkaProducer<String, byte[]> p =
                        new KafkaProducer<>(KafkaClients.of(bootstrap).producerConfig("dashboard-it"))) {
            int port = dashboard.port();

            Snapshot snap = new Snapshot(
                    "snap-" + zoo,
                    zoo,
                    "cnn-s",
                    Topics.DATASET,
                    new TreeMap<>(Map.of(0, 40L)),
                    40,
                    20,
                    new TreeMap<>(Map.of(4, 20, 5, 20)),
                    "models",
                    Instant.now());
            p.send(new ProducerRecord<>(Topics.SNAPSHOTS, zoo, SnapshotCodec.encode(snap)))
                    .get();
            p.send(new ProducerRecord<>(Topics.SNAPSHOTS, zoo, "not json".getBytes(StandardCharsets.UTF_8)))
                    .get(); // skipped, counted
            String job = "job-" + zoo;
            p.send(progress(new TrainingProgress(
                            job,
                            zoo,
                            "trainer-a",
                            TrainingProgress.Phase.STARTED,
                            0,
                            3,
                            Double.NaN,
                            Double.NaN,
                            Double.NaN,
                            0,
                            "20 models",
                            now)))
                    .get();
            for (int e = 1; e <= 3; e++) {
                p.send(progress(new TrainingProgress(
                                job,
                                zoo,
                                "trainer-a",
                                TrainingProgress.Phase.EPOCH,
                                e,
                                3,
                                2.0 / e,
                                2.2 / e,
                                0.1 * e,
                                50,
                                null,
                                now)))
                        .get();
            }
            AutoencoderVersion v = new AutoencoderVersion(
                    "ae-" + zoo,
                    zoo,
                    job,
                    snap.id(),
                    null,
                    "file:/tmp/none",
                    "c".repeat(64),
                    "cnn-s",
                    3,
                    0.73,
                    0.3,
                    now,
                    null);
            p.send(new ProducerRecord<>(Topics.AUTOENCODERS, zoo, PipelineEvents.AUTOENCODER.encode(v)))
                    .get();
            double[] accuracies = {0.80, 0.86, 0.91, 0.50};
            for (int i = 0; i < accuracies.length; i++) {
                String id = v.versionId() + "/kde/" + i;
                GeneratedModel g = new GeneratedModel(
                        id,
                        zoo,
                        v.versionId(),
                        snap.id(),
                        "kde",
                        Map.of("bandwidth", "0.4"),
                        1,
                        i,
                        "cnn-s",
                        "h",
                        Weights.of(new float[] {0.1f, 0.2f}),
                        now,
                        null,
                        null,
                        null);
                p.send(new ProducerRecord<>(Topics.GENERATED, id, PipelineEvents.GENERATED_MODEL.encode(g)))
                        .get();
                EvaluatedModel m = new EvaluatedModel(
                        id,
                        zoo,
                        v.versionId(),
                        "kde",
                        accuracies[i],
                        0.4,
                        1.0,
                        0.8 + 0.2 * i,
                        0.5,
                        List.of(),
                        "ev",
                        now,
                        0.88,
                        0.856);
                p.send(new ProducerRecord<>(Topics.EVALUATED, id, PipelineEvents.EVALUATED_MODEL.encode(m)))
                        .get();
            }
            ProducerRecord<String, byte[]> dead = new ProducerRecord<>(
                    Topics.deadLetter(Topics.CHECKPOINTS), zoo + "/m7/3", "{oops".getBytes(StandardCharsets.UTF_8));
            dead.headers().add(DeadLetterHeaders.REASON, "NOT_JSON".getBytes(StandardCharsets.UTF_8));
            dead.headers()
                    .add(
                            DeadLetterHeaders.MESSAGE,
                            "value is not JSON: Unexpected end".getBytes(StandardCharsets.UTF_8));
            p.send(dead).get();

            JsonNode z = awaitZoo(dashboard, zoo);
            assertEquals(snap.id(), z.get("lastSnapshot").get("id").asText());
            JsonNode jobNode = z.get("jobs").get(0);
            assertEquals("epoch", jobNode.get("phase").asText());
            assertEquals(3, jobNode.get("curve").size());
            assertEquals(1.0, jobNode.get("curve").get(1).get("trainLoss").asDouble(), 1e-12);
            assertEquals(
                    v.versionId(), z.get("versions").get(0).get("versionId").asText());
            JsonNode kde = z.get("populations").get(0);
            assertEquals(4, kde.get("generated").asLong());
            assertEquals(
                    (0.80 + 0.86 + 0.91 + 0.50) / 4, kde.get("meanAccuracy").asDouble(), 1e-9);
            assertEquals(0.88, kde.get("anchorMeanAccuracy").asDouble(), 1e-12);
            assertEquals(0.856, kde.get("zooMeanAccuracy").asDouble(), 1e-12);
            assertTrue(
                    dashboard.metrics().value("hyperrep_dashboard_unreadable_total") >= 1,
                    "the garbage snapshot is counted");

            HttpResponse<String> page = dashboard.get("/dashboard");
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
            assertEquals(
                    401,
                    dashboard
                            .send(HttpRequest.newBuilder(dashboard.uri("/api/dashboard"))
                                    .GET())
                            .statusCode(),
                    "the data needs the token");
            assertTrue(
                    browse("http://localhost:" + port + "/dashboard").contains("open the page as /dashboard#token="),
                    "without a token the page says how to give it");

            String dom = browse("http://localhost:" + port + "/dashboard#token=" + TOKEN);
            Matcher card = Pattern.compile(
                            "data-test=\"zoo\" data-zoo=\"" + Pattern.quote(zoo) + "\"(.*?)</section>", Pattern.DOTALL)
                    .matcher(dom);
            assertTrue(card.find(), "the zoo's card is drawn:\n" + dom);
            String c = card.group(1);
            assertEquals(
                    4,
                    count(c, "data-test=\"hist-bar\""),
                    "one bar per non-empty accuracy bin (0.50, 0.80, 0.86, 0.91)");
            assertEquals(1, count(c, "data-test=\"curve-trainLoss\""), "the training loss curve");
            assertEquals(1, count(c, "data-test=\"curve-validationLoss\""), "the validation loss curve");
            assertTrue(c.contains("width: 100.0%"), "job at epoch 3/3 draws a full progress bar");
            assertEquals(1, count(c, "data-test=\"version-row\""));
            assertTrue(c.contains("4 of 4 evaluated"), c);
            Matcher histogram = Pattern.compile("data-test=\"histogram\"(.*?)</svg>", Pattern.DOTALL)
                    .matcher(c);
            assertTrue(histogram.find(), c);
            String h = histogram.group(1);
            assertEquals(1, count(h, "data-test=\"ref-anchors\""), "the anchors' line on the histogram:\n" + h);
            assertEquals(1, count(h, "data-test=\"ref-zoo\""), "the zoo's line on the histogram:\n" + h);
            assertTrue(
                    h.contains(">anchors 88.0 %<") && h.contains(">zoo 85.6 %<"),
                    "each line is labelled with its accuracy:\n" + h);
            double anchorsX = lineX(h, "ref-anchors");
            double zooX = lineX(h, "ref-zoo");
            assertTrue(anchorsX > zooX, "88 % lies right of 85.6 %: " + anchorsX + " vs " + zooX);
            assertTrue(
                    lineX(h, "ref-anchors") > barRight(h, 0.80) && lineX(h, "ref-anchors") < barLeft(h, 0.91),
                    "the anchors' line between the 80-85 % and the 90-95 % bars:\n" + h);
            assertTrue(
                    c.contains("= 87.2 % of the anchors'"),
                    "the mean, 76.75 %, as a fraction of the anchors' 88 %:\n" + c);
            assertTrue(
                    c.matches("(?s).*data-test=\"novelty\">1\\.10<.*"),
                    "mean nearest-distance ratio (0.8..1.4) beside it:\n" + c);
            assertTrue(c.matches("(?s).*data-test=\"error-iou\">0\\.50<.*"), "mean max error-set IoU beside it:\n" + c);
            assertTrue(
                    dom.contains("data-test=\"dead-letter-row\"")
                            && dom.contains(zoo + "/m7/3")
                            && dom.contains("NOT_JSON"),
                    "the dead letter");
            assertTrue(dom.contains(">live<"), "the page reached the API");
        }
    }

    private static ProducerRecord<String, byte[]> progress(TrainingProgress t) {
        return new ProducerRecord<>(Topics.TRAINING_PROGRESS, t.jobId(), PipelineEvents.TRAINING_PROGRESS.encode(t));
    }

    private JsonNode awaitZoo(RunningService dashboard, String zoo) {
        return await("the dashboard shows zoo " + zoo)
                .atMost(RunningService.WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> zoo(json.readTree(dashboard.get("/api/dashboard").body()), zoo), z -> z != null);
    }

    /** The zoo's card once its four models are evaluated and its dead letter is listed, else null. */
    private static JsonNode zoo(JsonNode dashboard, String zoo) {
        for (JsonNode z : dashboard.get("zoos")) {
            if (z.get("zooId").asText().equals(zoo)
                    && z.get("populations").size() == 1
                    && z.get("populations").get(0).get("evaluated").asLong() == 4
                    && dashboard.toString().contains(zoo + "/m7/3")) {
                return z;
            }
        }
        return null;
    }

    /** The DOM after the page's script has run, from headless Chromium. */
    static String browse(String url) throws Exception {
        return Chromium.dumpDom(url);
    }

    /** The x of a reference line, from the SVG the page drew. */
    private static double lineX(String svg, String test) {
        Matcher m = Pattern.compile("<line x1=\"([0-9.]+)\"[^>]*data-test=\"" + test + "\"")
                .matcher(svg);
        if (!m.find()) {
            throw new AssertionError("no line " + test + " in\n" + svg);
        }
        return Double.parseDouble(m.group(1));
    }

    /** The left edge of the bar that holds {@code accuracy}, by its tooltip. */
    private static double barLeft(String svg, double accuracy) {
        return bar(svg, accuracy)[0];
    }

    private static double barRight(String svg, double accuracy) {
        double[] b = bar(svg, accuracy);
        return b[0] + b[1];
    }

    private static double[] bar(String svg, double accuracy) {
        int bin = (int) (accuracy * 20);
        Matcher m = Pattern.compile(
                        "<rect x=\"([0-9.]+)\" y=\"[0-9.]+\" width=\"([0-9.]+)\"[^>]*data-test=\"hist-bar\"><title>\\d+ models at "
                                + bin * 5 + "–")
                .matcher(svg);
        if (!m.find()) {
            throw new AssertionError("no bar for " + accuracy + " in\n" + svg);
        }
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
