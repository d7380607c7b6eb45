package io.hyperrep.service.trainer;

import io.hyperrep.kafka.KafkaFailures;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a failed job is tried again. Kafka trouble ({@link KafkaFailures}: an unreachable broker, a
 * snapshot that could not be read in time) may pass, so such a job stays uncommitted and is read again after a pause that doubles
 * with each failure, up to a minute; anything else (bad data, a mismatching state), or the same job
 * failing {@code attempts} times, is final and the job is dead-lettered. Failures are counted per job
 * id in memory: a job that moves to another member starts counting again there.
 */
final class JobRetries {

    static final Duration MAX_PAUSE = Duration.ofMinutes(1);

    private final int attempts;
    private final Duration firstPause;
    private final Map<String, Integer> failures = new HashMap<>();

    /**
     * @param attempts   how many times a job is run at most (1 = never retried)
     * @param firstPause the pause after the first failure
     */
    JobRetries(int attempts, Duration firstPause) {
        if (attempts < 1 || firstPause.isNegative()) {
            throw new IllegalArgumentException(
                    "attempts must be >= 1 and the pause >= 0, got " + attempts + " and " + firstPause);
        }
        this.attempts = attempts;
        this.firstPause = firstPause;
    }

    /** @return the pause before the job is run again, or empty when this failure is final */
    Optional<Duration> afterFailure(String jobId, Throwable failure) {
        if (!KafkaFailures.isTransient(failure)) {
            failures.remove(jobId);
            return Optional.empty();
        }
        int failed = failures.merge(jobId, 1, Integer::sum);
        if (failed >= attempts) {
            failures.remove(jobId);
            return Optional.empty();
        }
        long millis = firstPause.toMillis() << Math.min(failed - 1, 20);
        return Optional.of(Duration.ofMillis(Math.min(MAX_PAUSE.toMillis(), millis)));
    }

    /** The job settled without a retry: forget its failures. */
    void settled(String jobId) {
        failures.remove(jobId);
    }

    int attempts() {
        return attempts;
    }
}
