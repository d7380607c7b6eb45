package io.hyperrep.service.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.broker.BrokerSecurity;
import io.hyperrep.broker.LocalBroker;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.CheckpointPublisher;
import io.hyperrep.kafka.ClientOverrides;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.MissingTopicsException;
import io.hyperrep.service.runtime.ServiceHost;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.testkit.TestCertificates;
import io.hyperrep.testkit.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services against brokers that demand credentials or TLS, configured only through
 * {@code kafka.client.*} settings: ingest and a publisher get through with the right credentials or
 * trust, and are refused at once, saying why, with wrong ones. Also the topic settings:
 * operator-managed topics missing, a replication the cluster cannot give, min.insync.replicas set.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaSecurityIT {

    /** A refusal must come well before the 30 s a silent broker is waited for. */
    private static final Duration PROMPT = Duration.ofSeconds(15);

    @Test
    void shouldIngestOverSaslScramWithTheRightPasswordAndBeRefusedWithAWrongOne(@TempDir Path tmp) throws Exception {
        try (LocalBroker broker =
                LocalBroker.start(null, 0, new BrokerSecurity.Scram(Map.of("hyperrep", "right-password")))) {
            Path secret = tmp.resolve("kafka-password");
            Files.writeString(secret, "right-password\n"); // as a mounted secret file, with its line break
            Map<String, String> sasl = scram("${file:" + secret + "}");

            // Operator-managed topics that are not there: a start-up error naming them.
            Map<String, String> unmanaged = new HashMap<>(sasl);
            unmanaged.put("kafka.topics.create", "false");
            Throwable missing = failedStart(broker.bootstrapServers(), unmanaged);
            assertTrue(missing instanceof MissingTopicsException, String.valueOf(missing));
            for (String t : Topics.all()) {
                assertTrue(missing.getMessage().contains(t), "names " + t + ": " + missing.getMessage());
            }

            // A replication factor the one broker cannot give: refused by Kafka, said so.
            Map<String, String> replicated = new HashMap<>(sasl);
            replicated.put("kafka.topics.replication", "2");
            Throwable tooMany = failedStart(broker.bootstrapServers(), replicated);
            assertTrue(
                    tooMany.getMessage().contains("cannot create topic")
                            && tooMany.getMessage().toLowerCase(Locale.ROOT).contains("replication"),
                    tooMany.getMessage());

            Map<String, String> good = new HashMap<>(sasl);
            good.put("kafka.topics.replication", "1");
            good.put("kafka.topics.min.insync.replicas", "1");
            ServiceHost ingest = start(broker.bootstrapServers(), good);
            try {
                KafkaClients publisher =
                        KafkaClients.of(broker.bootstrapServers(), ClientOverrides.of(withoutPrefix(sasl)));
                assertIngested(publisher, "scram");
                try (var admin = publisher.admin()) {
                    ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DATASET);
                    ConfigEntry minIsr = admin.describeConfigs(List.of(topic))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .get(topic)
                            .get("min.insync.replicas");
                    assertEquals("1", minIsr.value());
                    assertEquals(
                            ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG,
                            minIsr.source(),
                            "set on the topic, not the broker's default");
                }
            } finally {
                close(ingest);
            }

            Files.writeString(secret, "wrong-password");
            long t0 = System.nanoTime();
            Throwable refused = failedStart(broker.bootstrapServers(), sasl);
            assertPrompt(t0, refused);
            assertTrue(refused.getMessage().contains("authentication failed"), refused.getMessage());
            assertTrue(
                    !refused.getMessage().contains("wrong-password"),
                    "no secret in the message: " + refused.getMessage());
        }
    }

    @Test
    void shouldIngestOverTlsTrustingTheBrokersCaAndBeRefusedTrustingAnother(@TempDir Path tmp) throws Exception {
        TestCertificates certs = TestCertificates.create(tmp.resolve("certs"));
        try (LocalBroker broker =
                LocalBroker.start(null, 0, new BrokerSecurity.Tls(certs.brokerKeystore(), certs.password()))) {
            Path password = tmp.resolve("truststore-password");
            Files.writeString(password, certs.password());
            ServiceHost ingest = start(broker.bootstrapServers(), tls(certs.truststore(), password));
            try {
                assertIngested(
                        KafkaClients.of(
                                broker.bootstrapServers(),
                                ClientOverrides.of(withoutPrefix(tls(certs.truststore(), password)))),
                        "tls");
            } finally {
                close(ingest);
            }

            long t0 = System.nanoTime();
            Throwable refused = failedStart(broker.bootstrapServers(), tls(certs.wrongTruststore(), password));
            assertPrompt(t0, refused);
            assertTrue(refused.getMessage().contains("TLS handshake failed"), refused.getMessage());

            Throwable plaintext = failedStart(
                    broker.bootstrapServers(),
                    Map.of("kafka.client.request.timeout.ms", "2000", "kafka.client.default.api.timeout.ms", "3000"));
            assertTrue(
                    plaintext.getMessage().contains("kafka.client.security.protocol"),
                    "a client without TLS is told what to look at: " + plaintext.getMessage());
        }
    }

    private static Map<String, String> scram(String password) {
        return Map.of(
                "kafka.client.security.protocol",
                "SASL_PLAINTEXT",
                "kafka.client.sasl.mechanism",
                "SCRAM-SHA-512",
                "kafka.client.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"hyperrep\" password=\""
                        + password + "\";");
    }

    private static Map<String, String> tls(Path truststore, Path passwordFile) {
        return Map.of(
                "kafka.client.security.protocol",
                "SSL",
                "kafka.client.ssl.truststore.location",
                truststore.toString(),
                "kafka.client.ssl.truststore.type",
                "PKCS12",
                "kafka.client.ssl.truststore.password",
                "${file:" + passwordFile + "}");
    }

    private static Map<String, String> withoutPrefix(Map<String, String> settings) {
        Map<String, String> m = new HashMap<>();
        settings.forEach((k, v) -> m.put(k.substring(ClientOverrides.PREFIX.length()), v));
        return m;
    }

    /** Three checkpoints published with {@code kafka}'s settings reach the dataset topic through ingest. */
    private static void assertIngested(KafkaClients kafka, String zoo) {
        try (CheckpointPublisher pub = new CheckpointPublisher(kafka)) {
            for (int m = 0; m < 3; m++) {
                Checkpoint c = BadCheckpoints.valid(zoo, m, 1, m);
                pub.publish(c);
            }
            pub.flush();
        }
        var dataset =
                TopicProbe.read(kafka, Topics.DATASET, rs -> rs.size() >= 3, Duration.ofSeconds(60), Duration.ZERO);
        assertEquals(3, dataset.size(), "every checkpoint ingested over the secured listener");
    }

    private static void assertPrompt(long t0, Throwable refused) {
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(PROMPT) < 0, "refused in " + took + " (not after a timeout): " + refused);
    }

    private static ServiceHost start(String bootstrap, Map<String, String> more) throws Exception {
        ServiceHost host = host(bootstrap, more);
        host.deploy(IngestVerticle::new)
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        return host;
    }

    /** Why an ingest with these settings did not start. */
    private static Throwable failedStart(String bootstrap, Map<String, String> more) throws Exception {
        ServiceHost host = host(bootstrap, more);
        try {
            host.deploy(IngestVerticle::new)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            throw new AssertionError("ingest started with " + more.keySet());
        } catch (ExecutionException e) {
            return e.getCause();
        } finally {
            close(host);
        }
    }

    private static ServiceHost host(String bootstrap, Map<String, String> more) {
        Map<String, String> m = new HashMap<>(
                Map.of("kafka.bootstrap", bootstrap, "ingest.group", "secure-ingest", "ingest.snapshot.quiet", "1s"));
        m.putAll(more);
        return ServiceHost.create(Settings.empty().with(m, "test"), "secure-test");
    }

    private static void close(ServiceHost host) throws Exception {
        host.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
