package io.hyperrep.kafka;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** Which failures count as Kafka trouble that may pass. */
class KafkaFailuresTest {

    @Test
    void shouldFindKafkaTroubleAnywhereInTheCauseChain() {
        assertTrue(KafkaFailures.isTransient(
                new KafkaUnavailableException("reading hyperrep.dataset did not finish within 120 s")));
        assertTrue(KafkaFailures.isTransient(new TimeoutException("metadata")));
        assertTrue(KafkaFailures.isTransient(new CompletionException(new IllegalStateException(
                "generation failed",
                new TimeoutException("Topic hyperrep.models.generated not present in metadata after 60000 ms")))));
        assertTrue(KafkaFailures.isTransient(new RuntimeException(new KafkaUnavailableException("no broker"))));
    }

    @Test
    void shouldTreatEverythingElseAsFinal() {
        assertFalse(KafkaFailures.isTransient(new IllegalArgumentException("zoo has 4 models, needs 10")));
        assertFalse(KafkaFailures.isTransient(new UncheckedIOException(new IOException("disk full"))));
        assertFalse(KafkaFailures.isTransient(null));
    }

    @Test
    void shouldEndOnACyclicCauseChain() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b", a);
        a.initCause(b);
        assertFalse(KafkaFailures.isTransient(a));
    }
}
