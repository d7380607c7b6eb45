package io.hyperrep.kafka;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.kafka.common.KafkaException;

/**
 * The one rule every service uses to choose between doing work again and dead-lettering it: Kafka
 * trouble (an unreachable broker, a read that did not finish in time, a failed send) may pass, so the
 * record is read again; any other failure (bad data, a missing artifact) will recur on the same input.
 * Looks through the whole cause chain, because the trouble often arrives wrapped (by a future, a cache,
 * an {@code IllegalStateException} of the code that hit it).
 */
public final class KafkaFailures {

    private KafkaFailures() {}

    /** Whether {@code failure} or any of its causes is Kafka trouble. */
    public static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = failure; c != null && seen.add(c); c = c.getCause()) { // a cause chain can be a cycle
            if (c instanceof KafkaException || c instanceof KafkaUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
