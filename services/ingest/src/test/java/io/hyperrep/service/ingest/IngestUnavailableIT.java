package io.hyperrep.service.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.broker.LocalBroker;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.service.runtime.ServiceHost;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.testkit.RunningService;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload while the broker is gone: 503 {@code UNAVAILABLE} with an error id, and nothing of the
 * Kafka exception behind it (topic, address, timeouts); the same upload succeeds once the broker is back.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class IngestUnavailableIT {

    private static final String TOKEN = "unavailable-it-token";

    @Test
    void shouldAnswerAFailedDatasetWriteWithAnErrorIdOnly(@TempDir Path tmp) throws Exception {
        // Kept apart (duplicates): a broker of its own on a data directory, like LocalBrokerDataDirIT's, since this
        // test
        // kills and restarts it; the suite's shared broker must stay up for the other tests.
        Path data = tmp.resolve("broker");
        LocalBroker broker = LocalBroker.start(data, 0);
        // the producer gives up on a write within ~3 s, so the answer comes quickly (all via kafka.client.*)
        Settings s = Settings.empty()
                .with(
                        Map.of(
                                "kafka.bootstrap",
                                broker.bootstrapServers(),
                                "ingest.group",
                                "unavailable-it",
                                "http.auth.tokens",
                                TOKEN,
                                "kafka.client.delivery.timeout.ms",
                                "3000",
                                "kafka.client.request.timeout.ms",
                                "1000",
                                "kafka.client.linger.ms",
                                "0",
                                "kafka.client.max.block.ms",
                                "2000"),
                        "test");
        ServiceHost host = ServiceHost.create(s, "unavailable-test");
        try (RunningService ingest =
                RunningService.start(host.deploy(IngestVerticle::new).compose(id -> host.listen(0)), host::close)) {
            byte[] checkpoint = CheckpointCodec.encode(BadCheckpoints.valid("unavailable", 0, 1, 1));
            broker.kill();

            HttpResponse<String> r = IngestIT.upload(ingest, TOKEN, checkpoint);
            assertEquals(503, r.statusCode(), r.body());
            JsonObject body = new JsonObject(r.body());
            assertEquals("UNAVAILABLE", body.getString("error"));
            assertNotNull(body.getString("errorId"), r.body());
            assertTrue(
                    body.getString("message").startsWith("could not write to the dataset topic (error id "), r.body());
            for (String leak : new String[] {
                "Exception", "Expiring", "localhost", "hyperrep.dataset", "ms has passed", String.valueOf(broker.port())
            }) {
                assertFalse(r.body().contains(leak), "no '" + leak + "' in " + r.body());
            }

            broker = LocalBroker.start(data, broker.port());
            // written once the broker is back
            await("the upload is accepted once the broker is back")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> IngestIT.upload(ingest, TOKEN, checkpoint).statusCode() == 202);
        } finally {
            broker.close();
        }
    }
}
