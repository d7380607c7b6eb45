package io.hyperrep.service.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void shouldLayerFileEnvironmentAndFlags(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("c.json");
        Files.writeString(f, "{\"kafka\": {\"bootstrap\": \"file:9092\"}, \"ingest.snapshot.models\": 7, \"ingest\": {\"snapshot\": {\"quiet\": \"2s\"}}}");
        Settings s = Settings.empty().withFile(f)
                .withEnvironment(Map.of("HYPERREP_INGEST_SNAPSHOT_MODELS", "9", "PATH", "/bin", "HYPERREP_JAVA_OPTS", "-Xmx1g"))
                .with(Map.of("kafka.bootstrap", "flag:9092"), "flag --bootstrap");
        assertEquals("flag:9092", s.requiredString("kafka.bootstrap"));
        assertEquals(9, s.integer("ingest.snapshot.models", 0, 0, 100));
        assertEquals(Duration.ofSeconds(2), s.duration("ingest.snapshot.quiet", Duration.ZERO));
        assertEquals(Duration.ofMillis(250), Settings.empty().with("d", "250ms").duration("d", Duration.ZERO));
        assertTrue(s.find("java.opts").isEmpty(), "the launcher's own variable is not a setting");
    }

    @Test
    void shouldNameTheKeyAndItsOriginWhenAValueIsWrong(@TempDir Path tmp) throws Exception {
        Settings s = Settings.empty().withEnvironment(Map.of("HYPERREP_HTTP_PORT", "eighty"));
        var e = assertThrows(ConfigException.class, () -> s.integer("http.port", 0, 0, 65535));
        assertTrue(e.getMessage().contains("'http.port'") && e.getMessage().contains("HYPERREP_HTTP_PORT"), e.getMessage());
        var range = assertThrows(ConfigException.class, () -> Settings.empty().with("http.port", 70000).integer("http.port", 0, 0, 65535));
        assertTrue(range.getMessage().contains("between 0 and 65535"), range.getMessage());
        var missing = assertThrows(ConfigException.class, () -> Settings.empty().requiredString("kafka.bootstrap"));
        assertTrue(missing.getMessage().contains("HYPERREP_KAFKA_BOOTSTRAP"), missing.getMessage());
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{not json");
        assertTrue(assertThrows(ConfigException.class, () -> Settings.empty().withFile(bad)).getMessage().contains("not valid JSON"));
        assertTrue(assertThrows(ConfigException.class, () -> Settings.empty().withFile(tmp.resolve("none.json"))).getMessage()
                .contains("does not exist"));
        assertThrows(ConfigException.class, () -> Settings.empty().with("d", "soon").duration("d", Duration.ZERO));
        assertThrows(ConfigException.class, () -> Settings.empty().with("b", "maybe").bool("b", false));
    }

    @Test
    void shouldHandEveryKafkaClientSettingToTheClientsFromFileAndEnvironmentAlike(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("c.json");
        Files.writeString(f, "{\"kafka\": {\"bootstrap\": \"k:9093\", \"client\": {\"sasl\": {\"mechanism\": \"SCRAM-SHA-512\"}}},"
                + " \"kafka.topics\": {\"replication\": 3, \"min.insync.replicas\": 2}}");
        Settings s = Settings.empty().withFile(f).withEnvironment(Map.of("HYPERREP_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                "HYPERREP_KAFKA_TOPICS_CREATE", "false"));
        var kafka = KafkaSetup.clients(s);
        assertEquals("SASL_SSL", kafka.producerConfig("p").get("security.protocol"));
        assertEquals("SCRAM-SHA-512", kafka.adminConfig().get("sasl.mechanism"));
        var topics = KafkaSetup.topics(s);
        assertEquals(3, topics.replication().getAsInt());
        assertEquals(2, topics.minInsyncReplicas().getAsInt());
        assertTrue(!topics.create());
        var reserved = assertThrows(ConfigException.class, () -> KafkaSetup.clients(s.with("kafka.client.enable.auto.commit", "true")));
        assertTrue(reserved.getMessage().contains("kafka.client.enable.auto.commit"), reserved.getMessage());
    }

    @Test
    void shouldNeverShowASecretInADumpOrAnError() {
        Settings s = Settings.empty().withEnvironment(Map.of("HYPERREP_KAFKA_CLIENT_SASL_JAAS_CONFIG", "ScramLoginModule required password=\"hunter2\";",
                "HYPERREP_KAFKA_CLIENT_SSL_TRUSTSTORE_PASSWORD", "changeit", "HYPERREP_HTTP_AUTH_TOKENS", "tok-123", "HYPERREP_HTTP_PORT", "8080"));
        String dump = s.describe();
        assertTrue(dump.contains("http.port = 8080  (environment HYPERREP_HTTP_PORT)"), dump);
        assertTrue(dump.contains("kafka.client.sasl.jaas.config = ******"), dump);
        for (String secret : new String[] {"hunter2", "changeit", "tok-123"}) {
            assertTrue(!dump.contains(secret), dump);
        }
        var e = assertThrows(ConfigException.class, () -> s.integer("kafka.client.ssl.truststore.password", 0, 0, 1));
        assertTrue(!e.getMessage().contains("changeit") && e.getMessage().contains("kafka.client.ssl.truststore.password"), e.getMessage());
    }
}
