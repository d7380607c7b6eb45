package io.hyperrep.service.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperrep.events.DeadLetterHeaders;
import io.hyperrep.events.Topics;
import io.vertx.kafka.client.consumer.impl.KafkaConsumerRecordImpl;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The dead letter every service writes: the input unchanged, on the catalogue's dead-letter twin, with why and whence. */
class EventRecordsTest {

    @Test
    void shouldDeadLetterTheRecordUnchangedToItsTopicsTwinWithTheReason() {
        ConsumerRecord<String, byte[]> in =
                new ConsumerRecord<>(Topics.TRAINING_JOBS, 2, 41L, "zoo", "{}".getBytes(StandardCharsets.UTF_8));
        in.headers().add("ce_id", "job-1".getBytes(StandardCharsets.UTF_8));
        var out = EventRecords.deadLetter(
                new KafkaConsumerRecordImpl<>(in),
                "JOB_FAILED",
                "too small",
                IllegalArgumentException.class.getName(),
                "trainer-1");

        assertEquals(Topics.deadLetter(Topics.TRAINING_JOBS), out.topic());
        assertEquals("hyperrep.training.jobs.dlt", out.topic(), "the name operators and alerts know");
        assertEquals("zoo", out.key());
        assertArrayEquals(in.value(), out.value());
        Map<String, String> h = EventRecords.headers(out.headers());
        assertEquals("job-1", h.get("ce_id"), "the original headers are kept");
        assertEquals("JOB_FAILED", h.get(DeadLetterHeaders.REASON));
        assertEquals("too small", h.get(DeadLetterHeaders.MESSAGE));
        assertEquals(IllegalArgumentException.class.getName(), h.get(DeadLetterHeaders.ERROR_CLASS));
        assertEquals(Topics.TRAINING_JOBS, h.get(DeadLetterHeaders.SOURCE_TOPIC));
        assertEquals("2", h.get(DeadLetterHeaders.SOURCE_PARTITION));
        assertEquals("41", h.get(DeadLetterHeaders.SOURCE_OFFSET));
        assertEquals("trainer-1", h.get(DeadLetterHeaders.REJECTED_BY));
    }
}
