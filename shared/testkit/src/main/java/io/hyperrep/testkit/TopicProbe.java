package io.hyperrep.testkit;

import io.hyperrep.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reads what a service wrote to a topic, for assertions. Each call uses a fresh consumer group. */
public final class TopicProbe {

    private TopicProbe() {}

    /**
     * Every record of {@code topic} from the beginning, polling until {@code done} holds for what was
     * read (or the timeout passes; then whatever was read is returned for the assertion to judge),
     * then {@code settle} longer to catch records that should not be there.
     */
    public static List<ConsumerRecord<String, byte[]>> read(
            String bootstrap,
            String topic,
            Predicate<List<ConsumerRecord<String, byte[]>>> done,
            Duration timeout,
            Duration settle) {
        return read(KafkaClients.of(bootstrap), topic, done, timeout, settle);
    }

    // Kept apart (duplicates): one read by bootstrap string (most tests) or by client settings (TLS, SASL).
    /** As {@link #read(String, String, Predicate, Duration, Duration)} with {@code kafka}'s client settings (TLS, SASL). */
    public static List<ConsumerRecord<String, byte[]>> read(
            KafkaClients kafka,
            String topic,
            Predicate<List<ConsumerRecord<String, byte[]>>> done,
            Duration timeout,
            Duration settle) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = kafka.consumer("probe-" + UUID.randomUUID(), "probe")) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                c.poll(Duration.ofMillis(100)).forEach(out::add);
                if (settleUntil == Long.MAX_VALUE && done.test(out)) {
                    settleUntil = System.nanoTime() + settle.toNanos();
                }
            }
        }
        return out;
    }

    /** The value of a header, or null. */
    public static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
