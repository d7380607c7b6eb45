package io.hyperrep.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.events.DeadLetterHeaders;
import io.hyperrep.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a service dead-lettered: the records a test sent it that it had to refuse, and why. */
public final class DeadLetters {

    private DeadLetters() {}

    /**
     * The dead letters of {@code sourceTopic} whose keys start with {@code keyPrefix}: read until there
     * are {@code atLeast} (or the timeout passed), then {@code settle} longer to catch any extra one.
     */
    public static List<ConsumerRecord<String, byte[]>> read(
            String bootstrap, String sourceTopic, String keyPrefix, int atLeast, Duration timeout, Duration settle) {
        return TopicProbe.read(
                        bootstrap,
                        Topics.deadLetter(sourceTopic),
                        rs -> rs.stream().filter(r -> mine(r, keyPrefix)).count() >= atLeast,
                        timeout,
                        settle)
                .stream()
                .filter(r -> mine(r, keyPrefix))
                .toList();
    }

    /** Each dead letter's reason, by what follows {@code keyPrefix} in its key. */
    public static Map<String, String> reasons(List<ConsumerRecord<String, byte[]>> dead, String keyPrefix) {
        Map<String, String> reasons = new TreeMap<>();
        dead.forEach(r ->
                reasons.put(r.key().substring(keyPrefix.length()), TopicProbe.header(r, DeadLetterHeaders.REASON)));
        return reasons;
    }

    /** Asserts that each dead letter names {@code sourceTopic} and says in a message what was wrong. */
    public static void assertDescribed(List<ConsumerRecord<String, byte[]>> dead, String sourceTopic) {
        for (var r : dead) {
            assertTrue(TopicProbe.header(r, DeadLetterHeaders.MESSAGE).length() > 5, r.key());
            assertEquals(sourceTopic, TopicProbe.header(r, DeadLetterHeaders.SOURCE_TOPIC), r.key());
        }
    }

    private static boolean mine(ConsumerRecord<String, byte[]> r, String keyPrefix) {
        return r.key() != null && r.key().startsWith(keyPrefix);
    }
}
