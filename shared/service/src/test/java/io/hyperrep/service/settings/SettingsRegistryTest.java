package io.hyperrep.service.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.kafka.TopicPolicy;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsRegistryTest {

    @Test
    void shouldRegisterEveryDeclaredSettingOnce() throws Exception {
        Set<String> declared = new HashSet<>();
        for (Class<?> keys : List.of(
                CommonKeys.class, IngestKeys.class, TrainerKeys.class, SamplerKeys.class, EvaluatorKeys.class)) {
            for (Field f : keys.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && Setting.class.isAssignableFrom(f.getType())) {
                    assertTrue(declared.add(((Setting<?>) f.get(null)).key()), f.getName());
                }
            }
        }
        Set<String> registered = new HashSet<>();
        SettingsRegistry.all().forEach(s -> registered.add(s.key()));
        assertEquals(
                declared,
                registered,
                "a Setting constant missing from its class's ALL list is neither accepted nor documented");
    }

    @Test
    void shouldDeclareDefaultsThatFitTheirOwnType() {
        for (Setting<?> s : SettingsRegistry.all()) {
            assertTrue(
                    !s.doc().isBlank()
                            && !s.readers().isEmpty()
                            && !s.shownDefault().isBlank(),
                    s.key());
            roundTrip(s);
        }
    }

    private static <T> void roundTrip(Setting<T> s) {
        Optional<T> d = s.fallback();
        d.ifPresent(v ->
                assertEquals(v, s.type().parse(s.type().format(v)), s.key() + ": the default as the table shows it"));
    }

    @Test
    void shouldMapEveryKeyToOneEnvironmentVariableAndBack() {
        for (Setting<?> s : SettingsRegistry.all()) {
            assertTrue(s.environmentName().matches("HYPERREP_[A-Z0-9_]+"), s.environmentName());
            assertEquals(s.key(), SettingsRegistry.keyOf(s.environmentName()));
            assertFalse(SettingsRegistry.isOtherVariable(s.environmentName()), s.key());
        }
        assertEquals("kafka.client.sasl.jaas.config", SettingsRegistry.keyOf("HYPERREP_KAFKA_CLIENT_SASL_JAAS_CONFIG"));
        assertTrue(SettingsRegistry.isKnown("kafka.client.sasl.jaas.config"));
        assertFalse(SettingsRegistry.isKnown("kafka.client."), "the prefix alone names no client property");
        assertEquals("HYPERREP_TRAINER_RETRY_PAUSE_MS", SettingsRegistry.environmentName("trainer.retry.pause.ms"));
        assertTrue(
                SettingsRegistry.isKnown("trainer.retry.pause.ms"),
                "the deprecated milliseconds key is still accepted");
    }

    @Test
    void shouldDeclareTheDefaultOfKafkaPartitionsWithTheTopicPolicy() {
        assertEquals(Optional.of(TopicPolicy.DEFAULT_PARTITIONS), CommonKeys.KAFKA_PARTITIONS.fallback());
        assertEquals(
                "integer 1.." + TopicPolicy.MAX_PARTITIONS,
                CommonKeys.KAFKA_PARTITIONS.type().values());
        assertEquals(Optional.of(Duration.ofSeconds(5)), TrainerKeys.RETRY_PAUSE.fallback());
        assertEquals(Optional.of("trainer.read.timeout.ms"), TrainerKeys.READ_TIMEOUT.millisAlias());
    }

    @Test
    void shouldSuggestTheNearestKeyOnlyWhenItIsNear() {
        assertEquals(Optional.of("trainer.epochs"), SettingsRegistry.nearest("trainer.epoch"));
        assertEquals(Optional.of("kafka.partitions"), SettingsRegistry.nearest("kafka.partition"));
        assertEquals(Optional.of("sampler.methods"), SettingsRegistry.nearest("sampler.method"));
        assertEquals(Optional.of("ingest.snapshot.quiet"), SettingsRegistry.nearest("ingest.snapshot.quite"));
        assertEquals(Optional.empty(), SettingsRegistry.nearest("foo.bar"));
        assertEquals(3, NearestKey.distance("kitten", "sitting"));
        assertEquals(0, NearestKey.distance("", ""));
    }

    @Test
    void shouldRefuseValuesOfTheWrongFormWithTheExpectedOne() {
        List<String> messages = List.of(
                refusal(TrainerKeys.EPOCHS, "many"),
                refusal(TrainerKeys.LR, "2"),
                refusal(TrainerKeys.SCHEDULE, "linear"),
                refusal(TrainerKeys.RETRY_PAUSE, "2m"),
                refusal(SamplerKeys.METHODS, " , "));
        assertEquals(
                List.of(
                        "must be an integer between 1 and 10000",
                        "must be between 0.0000001 and 1",
                        "must be one of none, constant, warmup-cosine, cosine",
                        "must be between 0ms and 1m",
                        "must name at least one item (comma-separated)"),
                messages);
        assertEquals("warmup-cosine", TrainerKeys.SCHEDULE.type().parse(" Warmup-Cosine "));
        assertEquals(List.of("kde", "gan"), SamplerKeys.METHODS.type().parse("kde, ,gan"));
        assertEquals(Duration.ofMillis(1500), TrainerKeys.RETRY_PAUSE.type().parse("1.5s"));
        assertEquals(Duration.ofSeconds(10), TrainerKeys.RETRY_PAUSE.type().parse("PT10S"));
    }

    /** The message with which {@code setting}'s type refuses {@code text}. */
    private static String refusal(Setting<?> setting, String text) {
        return assertThrows(IllegalArgumentException.class, () -> setting.type().parse(text))
                .getMessage();
    }
}
