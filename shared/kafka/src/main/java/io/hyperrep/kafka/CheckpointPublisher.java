package io.hyperrep.kafka;

import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.CloudEventHeaders;
import io.hyperrep.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes checkpoint events to {@link Topics#CHECKPOINTS}: key zoo/model/epoch, CloudEvents
 * headers, JSON value. Sends are asynchronous; {@link #flush()} waits for all of them and fails if
 * any send failed, so a caller never reports success for a lost record.
 */
public final class CheckpointPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<Exception> firstError = new AtomicReference<>();

    public CheckpointPublisher(KafkaClients kafka) {
        this.producer = kafka.producer("hyperrep-zoo-publisher");
    }

    /** Sends one checkpoint. */
    public void publish(Checkpoint c) {
        send(c.key(), CheckpointCodec.encode(c), CheckpointCodec.headers(c, Instant.now()));
    }

    /** Sends an already-encoded checkpoint value (e.g. a file of a zoo directory) as is. */
    public void send(String key, byte[] value, CloudEventHeaders headers) {
        ProducerRecord<String, byte[]> rec = new ProducerRecord<>(Topics.CHECKPOINTS, key, value);
        for (Map.Entry<String, String> h : headers.asMap().entrySet()) {
            rec.headers().add(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8));
        }
        var unused = producer.send(rec, (meta, err) -> {
            if (err != null) {
                firstError.compareAndSet(null, err);
            } else {
                acked.incrementAndGet();
            }
        });
    }

    /** Records acknowledged by the broker so far. */
    public long acknowledged() {
        return acked.get();
    }

    /** Waits for every send; throws if any failed. */
    public void flush() {
        producer.flush();
        Exception e = firstError.get();
        if (e != null) {
            throw new KafkaUnavailableException("publishing failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
