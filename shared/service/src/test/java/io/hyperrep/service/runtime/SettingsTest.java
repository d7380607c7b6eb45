package io.hyperrep.service.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.kafka.TopicPolicy;
import io.hyperrep.service.settings.CommonKeys;
import io.hyperrep.service.settings.IngestKeys;
import io.hyperrep.service.settings.SamplerKeys;
import io.hyperrep.service.settings.TrainerKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void shouldLayerFileEnvironmentAndFlags(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("c.json");
        Files.writeString(
                f,
                "{\"kafka\": {\"bootstrap\": \"file:9092\"}, \"ingest.snapshot.models\": 7, \"ingest\": {\"snapshot\": {\"quiet\": \"2s\"}}}");
        Settings s = Settings.empty()
                .withFile(f)
                .withEnvironment(
                        Map.of("HYPERREP_INGEST_SNAPSHOT_MODELS", "9", "PATH", "/bin", "HYPERREP_JAVA_OPTS", "-Xmx1g"))
                .with(Map.of("kafka.bootstrap", "flag:9092"), "flag --bootstrap");
        assertEquals("flag:9092", s.get(CommonKeys.KAFKA_BOOTSTRAP));
        assertEquals(9, s.get(IngestKeys.SNAPSHOT_MODELS));
        assertEquals(Duration.ofSeconds(2), s.get(IngestKeys.SNAPSHOT_QUIET));
        assertEquals(
                Duration.ofMillis(250),
                Settings.empty().with("ingest.snapshot.quiet", "250ms").get(IngestKeys.SNAPSHOT_QUIET));
        assertTrue(!s.describe().contains("java"), "the launcher's own variable is not a setting");
    }

    @Test
    void shouldNameTheKeyAndItsOriginWhenAValueIsWrong(@TempDir Path tmp) throws Exception {
        var e = assertThrows(
                ConfigException.class, () -> Settings.empty().withEnvironment(Map.of("HYPERREP_HTTP_PORT", "eighty")));
        assertTrue(
                e.getMessage().contains("'http.port'") && e.getMessage().contains("HYPERREP_HTTP_PORT"),
                e.getMessage());
        var range = assertThrows(ConfigException.class, () -> Settings.empty().with("http.port", 70000));
        assertTrue(range.getMessage().contains("between 0 and 65535"), range.getMessage());
        var missing = assertThrows(ConfigException.class, () -> Settings.empty().get(CommonKeys.KAFKA_BOOTSTRAP));
        assertTrue(missing.getMessage().contains("HYPERREP_KAFKA_BOOTSTRAP"), missing.getMessage());
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{not json");
        assertTrue(assertThrows(ConfigException.class, () -> Settings.empty().withFile(bad))
                .getMessage()
                .contains("not valid JSON"));
        assertTrue(assertThrows(ConfigException.class, () -> Settings.empty().withFile(tmp.resolve("none.json")))
                .getMessage()
                .contains("does not exist"));
        assertThrows(ConfigException.class, () -> Settings.empty().with("ingest.snapshot.quiet", "soon"));
        assertThrows(ConfigException.class, () -> Settings.empty().with("http.auth.reads", "maybe"));
    }

    @Test
    void shouldHandEveryKafkaClientSettingToTheClientsFromFileAndEnvironmentAlike(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("c.json");
        Files.writeString(
                f,
                "{\"kafka\": {\"bootstrap\": \"k:9093\", \"client\": {\"sasl\": {\"mechanism\": \"SCRAM-SHA-512\"}}},"
                        + " \"kafka.topics\": {\"replication\": 3, \"min.insync.replicas\": 2}}");
        Settings s = Settings.empty()
                .withFile(f)
                .withEnvironment(Map.of(
                        "HYPERREP_KAFKA_CLIENT_SECURITY_PROTOCOL",
                        "SASL_SSL",
                        "HYPERREP_KAFKA_TOPICS_CREATE",
                        "false"));
        var kafka = KafkaSetup.clients(s);
        assertEquals("SASL_SSL", kafka.producerConfig("p").get("security.protocol"));
        assertEquals("SCRAM-SHA-512", kafka.adminConfig().get("sasl.mechanism"));
        var topics = KafkaSetup.topics(s);
        assertEquals(3, topics.replication().getAsInt());
        assertEquals(2, topics.minInsyncReplicas().getAsInt());
        assertTrue(!topics.create());
        var reserved = assertThrows(
                ConfigException.class, () -> KafkaSetup.clients(s.with("kafka.client.enable.auto.commit", "true")));
        assertTrue(reserved.getMessage().contains("kafka.client.enable.auto.commit"), reserved.getMessage());
    }

    @Test
    void shouldNeverShowASecretInADumpOrAnError() {
        Settings s = Settings.empty()
                .withEnvironment(Map.of(
                        "HYPERREP_KAFKA_CLIENT_SASL_JAAS_CONFIG",
                        "ScramLoginModule required password=\"hunter2\";",
                        "HYPERREP_KAFKA_CLIENT_SSL_TRUSTSTORE_PASSWORD",
                        "changeit",
                        "HYPERREP_HTTP_AUTH_TOKENS",
                        "tok-123",
                        "HYPERREP_HTTP_PORT",
                        "8080"));
        String dump = s.describe();
        assertTrue(dump.contains("http.port = 8080  (environment HYPERREP_HTTP_PORT)"), dump);
        assertTrue(dump.contains("kafka.client.sasl.jaas.config = ******"), dump);
        for (String secret : new String[] {"hunter2", "changeit", "tok-123"}) {
            assertTrue(!dump.contains(secret), dump);
        }
        var e = assertThrows(ConfigException.class, () -> Settings.empty().with("http.auth.tokens.reload", "tok-123"));
        assertTrue(
                !e.getMessage().contains("tok-123") && e.getMessage().contains("'http.auth.tokens.reload'"),
                e.getMessage());
    }

    @Test
    void shouldRefuseAMistypedKeyFromAFileNamingTheNearestKnownOne(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("c.json");
        Files.writeString(f, "{\"kafka.bootstrap\": \"k:9092\", \"trainer\": {\"epoch\": 60}}");
        var e = assertThrows(ConfigException.class, () -> Settings.empty().withFile(f));
        assertTrue(
                e.getMessage()
                        .startsWith("unknown setting 'trainer.epoch' (did you mean 'trainer.epochs'?) from file " + f),
                e.getMessage());
        var far = assertThrows(
                ConfigException.class, () -> Settings.empty().with(Map.of("colour", "blue"), "command line"));
        assertTrue(
                far.getMessage().startsWith("unknown setting 'colour' from command line; every setting"),
                far.getMessage());
        var flag = assertThrows(ConfigException.class, () -> Settings.empty().with("kafka.partition", 8));
        assertTrue(flag.getMessage().contains("(did you mean 'kafka.partitions'?)"), flag.getMessage());
    }

    @Test
    void shouldRefuseAMistypedVariableButLeaveTheVariablesThatAreNoSettingsAlone() {
        var e = assertThrows(
                ConfigException.class, () -> Settings.empty().withEnvironment(Map.of("HYPERREP_TRAINER_EPOCH", "60")));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "unknown setting 'trainer.epoch' (did you mean 'trainer.epochs', HYPERREP_TRAINER_EPOCHS?) from "
                                        + "environment HYPERREP_TRAINER_EPOCH"),
                e.getMessage());
        Settings s = Settings.empty()
                .withEnvironment(Map.of(
                        "HYPERREP_JAVA_OPTS",
                        "-Xmx4g",
                        "HYPERREP_ND4J_BUILD",
                        "onednn",
                        "HYPERREP_API_TOKEN",
                        "t",
                        "HYPERREP_FASHION_MNIST_DIR",
                        "/data",
                        "HYPERREP_HOME",
                        "/src",
                        "HYPERREP_KAFKA_CLIENT_MAX_BLOCK_MS",
                        "5000",
                        "HYPERREP_KAFKA_PARTITIONS",
                        "8",
                        "HYPERREP_HTTP_AUTH_TOKENS",
                        "",
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "elsewhere:9092",
                        "PATH",
                        "/bin"));
        assertEquals(
                "kafka.client.max.block.ms = 5000  (environment HYPERREP_KAFKA_CLIENT_MAX_BLOCK_MS)\n"
                        + "kafka.partitions = 8  (environment HYPERREP_KAFKA_PARTITIONS)\n",
                s.describe(),
                "the launcher's, the build's and the tests' variables are not settings; an empty variable is unset");
        assertEquals(Map.of("max.block.ms", "5000"), s.withPrefix(CommonKeys.KAFKA_CLIENT));
        assertEquals(8, s.get(CommonKeys.KAFKA_PARTITIONS));
    }

    @Test
    void shouldReadDefaultsFromTheDeclarations() {
        Settings s = Settings.empty();
        assertEquals(TopicPolicy.DEFAULT_PARTITIONS, s.get(CommonKeys.KAFKA_PARTITIONS));
        assertEquals(8080, s.get(CommonKeys.HTTP_PORT));
        assertEquals(Duration.ofMinutes(2), s.get(TrainerKeys.READ_TIMEOUT));
        assertEquals(List.of("kde", "uniform"), s.get(SamplerKeys.METHODS));
        assertTrue(s.find(CommonKeys.KAFKA_PARTITIONS).isEmpty(), "find sees only what is set");
        assertTrue(s.find(CommonKeys.DATA_DIR).isEmpty());
    }

    @Test
    void shouldStillAcceptTheMillisecondKeysAsTheirDurations(@TempDir Path tmp) throws Exception {
        Settings s =
                Settings.empty().with(Map.of("trainer.retry.pause.ms", 200, "trainer.read.timeout.ms", "3000"), "test");
        assertEquals(Duration.ofMillis(200), s.get(TrainerKeys.RETRY_PAUSE));
        assertEquals(Duration.ofSeconds(3), s.get(TrainerKeys.READ_TIMEOUT));
        assertEquals(
                Duration.ofSeconds(7),
                s.withEnvironment(Map.of("HYPERREP_TRAINER_READ_TIMEOUT", "7s")).get(TrainerKeys.READ_TIMEOUT),
                "a later layer's duration wins over an earlier one's milliseconds");
        var notMillis =
                assertThrows(ConfigException.class, () -> Settings.empty().with("trainer.retry.pause.ms", "5s"));
        assertTrue(
                notMillis.getMessage().contains("'trainer.retry.pause.ms' = '5s'")
                        && notMillis.getMessage().contains("milliseconds"),
                notMillis.getMessage());
        var range = assertThrows(ConfigException.class, () -> Settings.empty().with("trainer.read.timeout.ms", 500));
        assertTrue(
                range.getMessage().contains("'trainer.read.timeout'")
                        && range.getMessage().contains("as trainer.read.timeout.ms")
                        && range.getMessage().contains("must be between 1s and 1h"),
                range.getMessage());
        Path f = tmp.resolve("both.json");
        Files.writeString(f, "{\"trainer\": {\"retry.pause\": \"1s\", \"retry.pause.ms\": 1000}}");
        var both = assertThrows(ConfigException.class, () -> Settings.empty().withFile(f));
        assertTrue(both.getMessage().contains("'trainer.retry.pause' is given twice"), both.getMessage());
    }
}
