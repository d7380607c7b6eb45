package io.hyperrep.testkit;

import io.hyperrep.broker.LocalBroker;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka broker for a whole test run, chosen once: {@code KAFKA_BOOTSTRAP_SERVERS} if set
 * (external), else a Testcontainers Kafka where a Docker daemon answers, else the project's local
 * broker in a child JVM. Stored in JUnit's root store, so it is closed (and its data directory
 * deleted) when the run ends. Select explicitly with {@code -Dkafka.broker=external|testcontainers|local}.
 */
public final class KafkaForTests {

    private static final String KEY = KafkaForTests.class.getName();

    private KafkaForTests() {}

    /** Bootstrap servers of the run's broker, starting it on first use. */
    public static String bootstrap(ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, k -> start(), Running.class)
                .bootstrap();
    }

    /** A started broker; closing it stops it. */
    public interface Running extends ExtensionContext.Store.CloseableResource, AutoCloseable {
        String bootstrap();

        @Override
        void close();
    }

    static Running start() {
        String mode = System.getProperty("kafka.broker", "auto");
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (mode.equals("external") || (mode.equals("auto") && external != null && !external.isBlank())) {
            if (external == null || external.isBlank()) {
                throw new IllegalStateException("-Dkafka.broker=external needs KAFKA_BOOTSTRAP_SERVERS");
            }
            return running(external, () -> {});
        }
        if (mode.equals("testcontainers") || (mode.equals("auto") && dockerAvailable())) {
            var kafka = new org.testcontainers.kafka.KafkaContainer("apache/kafka-native:4.1.1");
            kafka.start();
            return running(kafka.getBootstrapServers(), kafka::stop);
        }
        LocalBroker broker = LocalBroker.start();
        return running(broker.bootstrapServers(), broker::close);
    }

    private static Running running(String bootstrap, Runnable stop) {
        return new Running() {
            @Override
            public String bootstrap() {
                return bootstrap;
            }

            @Override
            public void close() {
                stop.run();
            }
        };
    }

    private static boolean dockerAvailable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
