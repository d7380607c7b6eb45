package io.hyperrep.service.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hyperrep.kafka.KafkaUnavailableException;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** Which job failures are retried, after what pause, and when a job is given up. */
class JobRetriesTest {

    /** A fresh one each time: an exception carries the stack trace of where it was made. */
    static KafkaUnavailableException trouble() {
        return new KafkaUnavailableException("reading hyperrep.dataset did not finish within 120 s");
    }

    @Test
    void shouldRetryKafkaTroubleWithADoublingPauseAndGiveUpAfterTheLastAttempt() {
        JobRetries r = new JobRetries(4, Duration.ofSeconds(5));
        assertEquals(Optional.of(Duration.ofSeconds(5)), r.afterFailure("j", trouble()));
        assertEquals(Optional.of(Duration.ofSeconds(10)), r.afterFailure("j", new TimeoutException("metadata")));
        assertEquals(
                Optional.of(Duration.ofSeconds(20)),
                r.afterFailure("j", new IllegalStateException("wrapped", trouble())));
        assertEquals(Optional.empty(), r.afterFailure("j", trouble()), "the fourth run was the last");
        assertEquals(
                Optional.of(Duration.ofSeconds(5)),
                r.afterFailure("j", trouble()),
                "a given-up job starts counting again");
    }

    @Test
    void shouldNeverRetryAFailureThatWillNotPass() {
        JobRetries r = new JobRetries(5, Duration.ofSeconds(1));
        assertEquals(Optional.empty(), r.afterFailure("j", new IllegalArgumentException("zoo has 4 models, needs 10")));
        assertEquals(
                Optional.empty(),
                r.afterFailure("k", new java.io.UncheckedIOException(new java.io.IOException("disk full"))));
        assertEquals(
                Optional.of(Duration.ofSeconds(1)),
                r.afterFailure("l", new RuntimeException(new TimeoutException("x"))));
    }

    @Test
    void shouldCountEachJobApartAndForgetASettledOne() {
        JobRetries r = new JobRetries(3, Duration.ofMillis(100));
        r.afterFailure("a", trouble());
        assertEquals(Optional.of(Duration.ofMillis(100)), r.afterFailure("b", trouble()));
        assertEquals(Optional.of(Duration.ofMillis(200)), r.afterFailure("a", trouble()));
        r.settled("a");
        assertEquals(Optional.of(Duration.ofMillis(100)), r.afterFailure("a", trouble()));
    }

    @Test
    void shouldCapThePauseAtAMinute() {
        JobRetries r = new JobRetries(100, Duration.ofSeconds(40));
        r.afterFailure("j", trouble());
        assertEquals(Optional.of(JobRetries.MAX_PAUSE), r.afterFailure("j", trouble()));
        for (int i = 0; i < 60; i++) {
            assertEquals(
                    Optional.of(JobRetries.MAX_PAUSE),
                    r.afterFailure("j", trouble()),
                    "no overflow after many failures");
        }
    }

    @Test
    void shouldRejectImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> new JobRetries(0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new JobRetries(1, Duration.ofMillis(-1)));
    }
}
