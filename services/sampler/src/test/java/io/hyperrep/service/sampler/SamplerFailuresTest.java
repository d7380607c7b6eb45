package io.hyperrep.service.sampler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.kafka.KafkaUnavailableException;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** What the sampler retries (the batch is read again) and what it gives up on (version skipped, request dead-lettered). */
class SamplerFailuresTest {

    @Test
    void shouldRetryKafkaTroubleEvenWhenItArrivesWrapped() {
        assertTrue(SamplerVerticle.transientFailure(
                new TimeoutException("Topic hyperrep.models.generated not present in metadata")));
        assertTrue(
                SamplerVerticle.transientFailure(new CompletionException(new IllegalStateException(
                        "cannot read the snapshot",
                        new KafkaUnavailableException("reading hyperrep.dataset did not finish within 120 s")))),
                "Kafka trouble under two wrappers is still Kafka trouble, as it is for the trainer");
        assertTrue(SamplerVerticle.transientFailure(new RuntimeException(new TimeoutException("metadata"))));
    }

    @Test
    void shouldGiveUpOnWhatWillNotPass() {
        assertFalse(SamplerVerticle.transientFailure(new IllegalArgumentException("artifact abc is not in the store")));
        assertFalse(SamplerVerticle.transientFailure(
                new IllegalStateException("corrupt", new java.io.IOException("bad bytes"))));
    }
}
