package io.hyperrep.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code hyperrep broker --data-dir DIR}: the broker's data outlives the process, in a directory it creates. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LocalBrokerDataDirIT {

    private static final String TOPIC = "kept";

    @Test
    void shouldServeTheRecordsOfAnEarlierRunOnTheSameDataDir(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("broker");
        Files.createDirectories(dir);
        try (LocalBroker first = LocalBroker.start(dir, 0)) {
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", first.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> p = new KafkaProducer<>(
                    Map.<String, Object>of("bootstrap.servers", first.bootstrapServers(), "acks", "all"),
                    new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < 3; i++) {
                    p.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
                }
            }
        }
        assertTrue(Files.isDirectory(dir.resolve("logs")), "a given data dir is kept on close");

        try (LocalBroker second = LocalBroker.start(dir, 0)) {
            assertEquals(List.of("k0=v0", "k1=v1", "k2=v2"), readAll(second.bootstrapServers(), 3));
        }
    }

    @Test
    void shouldCreateADataDirThatDoesNotExistYet(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("not").resolve("there").resolve("yet");
        try (LocalBroker broker = LocalBroker.start(dir, 0)) {
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()))) {
                assertEquals(Set.of(), admin.listTopics().names().get(30, TimeUnit.SECONDS));
            }
        }
        assertTrue(Files.isRegularFile(dir.resolve("broker.log")), "its log is in the created directory");
    }

    private static List<String> readAll(String bootstrap, int expected) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(
                Map.<String, Object>of("bootstrap.servers", bootstrap),
                new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            for (long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    seen.size() < expected && System.nanoTime() < deadline; ) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    seen.add(r.key() + "=" + r.value());
                }
            }
        }
        return seen;
    }
}
