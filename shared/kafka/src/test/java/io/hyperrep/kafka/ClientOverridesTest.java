package io.hyperrep.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kafka.client.*}: passed to every client configuration, secrets resolved late and never shown. */
class ClientOverridesTest {

    private static final String JAAS =
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"%s\";";

    @Test
    void shouldReachProducerConsumerAndAdminConfigsOverHyperrepsDefaultsButUnderTheCallersNeeds() {
        KafkaClients kafka = KafkaClients.of(
                "broker:9093",
                ClientOverrides.of(
                        Map.of("security.protocol", "SASL_SSL", "linger.ms", "20", "max.poll.records", "10")));
        for (Map<String, Object> c :
                java.util.List.of(kafka.producerConfig("p"), kafka.consumerConfig("g", "c"), kafka.adminConfig())) {
            assertEquals("SASL_SSL", c.get("security.protocol"));
            assertEquals("broker:9093", c.get("bootstrap.servers"));
        }
        assertEquals("20", kafka.producerConfig("p").get("linger.ms"), "an override wins over hyperrep's tuning");
        assertEquals("all", kafka.producerConfig("p").get("acks"));
        assertEquals(
                1,
                kafka.consumerConfig("g", "c", Map.of("max.poll.records", 1)).get("max.poll.records"),
                "what a service needs of one client wins over the overrides");
        assertFalse(kafka.consumerConfig(null, "c").containsKey("group.id"), "a group-less reader has no group");
    }

    @Test
    void shouldRefuseThePropertiesHyperrepsGuaranteesRestOn() {
        for (String k :
                new String[] {"bootstrap.servers", "enable.auto.commit", "acks", "group.id", "value.deserializer"}) {
            var e = assertThrows(KafkaConfigException.class, () -> ClientOverrides.of(Map.of(k, "x")), k);
            assertTrue(e.getMessage().contains("kafka.client." + k), e.getMessage());
        }
    }

    @Test
    void shouldTakeTheEnvironmentsClientVariablesByTheirKafkaNames() {
        ClientOverrides o = ClientOverrides.fromEnvironment(Map.of(
                "HYPERREP_KAFKA_CLIENT_SECURITY_PROTOCOL",
                "SSL",
                "HYPERREP_KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION",
                "/etc/ca.p12",
                "HYPERREP_KAFKA_BOOTSTRAP",
                "ignored:9092",
                "PATH",
                "/bin"));
        assertEquals(Map.of("security.protocol", "SSL", "ssl.truststore.location", "/etc/ca.p12"), o.resolved());
    }

    @Test
    void shouldReadFileSecretsWhenAClientIsConfiguredSoARotatedFileIsUsedByTheNextClient(@TempDir Path tmp)
            throws Exception {
        Path secret = tmp.resolve("kafka-password");
        Files.writeString(secret, "first-secret\n");
        KafkaClients kafka = KafkaClients.of(
                "b:1", ClientOverrides.of(Map.of("sasl.jaas.config", String.format(JAAS, "${file:" + secret + "}"))));
        assertEquals(
                String.format(JAAS, "first-secret"),
                kafka.producerConfig("p").get("sasl.jaas.config"),
                "trailing line break dropped");
        Files.writeString(secret, "second-secret");
        assertEquals(
                String.format(JAAS, "second-secret"),
                kafka.consumerConfig("g", "c").get("sasl.jaas.config"));
    }

    @Test
    void shouldReadEnvironmentSecretsAndLeaveKafkasOwnProvidersAlone() {
        ClientOverrides o = ClientOverrides.fromEnvironment(Map.of(
                "HYPERREP_KAFKA_CLIENT_SSL_TRUSTSTORE_PASSWORD",
                "${env:TRUST_PW}",
                "HYPERREP_KAFKA_CLIENT_SSL_KEY_PASSWORD",
                "${dir:/run/secrets:key-pw}",
                "TRUST_PW",
                "s3cret"));
        assertEquals("s3cret", o.resolved().get("ssl.truststore.password"));
        assertEquals(
                "${dir:/run/secrets:key-pw}", o.resolved().get("ssl.key.password"), "for Kafka's config.providers");
    }

    @Test
    void shouldNameTheSettingButNoSecretWhenAReferenceCannotBeRead(@TempDir Path tmp) {
        ClientOverrides missingFile =
                ClientOverrides.of(Map.of("ssl.truststore.password", "${file:" + tmp.resolve("absent") + "}"));
        var e = assertThrows(KafkaConfigException.class, missingFile::resolved);
        assertTrue(
                e.getMessage().contains("ssl.truststore.password")
                        && e.getMessage().contains("absent"),
                e.getMessage());
        ClientOverrides missingEnv = ClientOverrides.fromEnvironment(
                Map.of("HYPERREP_KAFKA_CLIENT_SASL_JAAS_CONFIG", "x ${env:NOT_THERE} y"));
        e = assertThrows(KafkaConfigException.class, missingEnv::resolved);
        assertTrue(e.getMessage().contains("NOT_THERE"), e.getMessage());
    }

    @Test
    void shouldMaskSecretsWhenDescribed() {
        ClientOverrides o = ClientOverrides.of(Map.of(
                "security.protocol",
                "SASL_SSL",
                "sasl.jaas.config",
                String.format(JAAS, "hunter2"),
                "ssl.truststore.password",
                "changeit",
                "ssl.keystore.key",
                "-----BEGIN PRIVATE KEY-----"));
        String shown = o.describe() + " " + KafkaClients.of("b:1", o);
        assertTrue(shown.contains("security.protocol=SASL_SSL"), shown);
        for (String secret : new String[] {"hunter2", "changeit", "BEGIN PRIVATE"}) {
            assertFalse(shown.contains(secret), shown);
        }
        assertTrue(shown.contains("sasl.jaas.config=" + SecretKeys.MASK), shown);
    }
}
