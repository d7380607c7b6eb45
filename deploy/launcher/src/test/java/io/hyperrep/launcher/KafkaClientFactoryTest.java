package io.hyperrep.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Kafka client the services and commands create is configured by {@code KafkaClients} (or its
 * Vert.x twin), so none can miss the operator's {@code kafka.client.*} settings (TLS, SASL): the main
 * sources of every module may create a client nowhere else.
 */
class KafkaClientFactoryTest {

    private static final Pattern CREATES_A_CLIENT = Pattern.compile(
            "new\\s+KafkaProducer\\s*<|new\\s+KafkaConsumer\\s*<|\\bAdmin(Client)?\\.create\\(|KafkaAdminClient\\.create\\("
                    + "|KafkaProducer\\.create\\(|KafkaConsumer\\.create\\(|KafkaWriteStream\\.create\\(|KafkaReadStream\\.create\\(");
    private static final Set<String> FACTORIES = Set.of(
            "shared/kafka/src/main/java/io/hyperrep/kafka/KafkaClients.java",
            "shared/service/src/main/java/io/hyperrep/service/runtime/VertxKafka.java");

    @Test
    void shouldCreateEveryKafkaClientThroughTheOneFactory() throws IOException {
        Path root = repositoryRoot();
        List<String> offenders = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> s = Files.walk(root)) {
            sources = s.filter(p -> p.toString().endsWith(".java")
                            && root.relativize(p).toString().contains("src/main/java/"))
                    .filter(p ->
                            !root.relativize(p).startsWith("shared/broker")) // the broker's own JVM and Kafka's tools
                    .toList();
        }
        for (Path p : sources) {
            String rel = root.relativize(p).toString();
            if (!FACTORIES.contains(rel)
                    && CREATES_A_CLIENT.matcher(Files.readString(p)).find()) {
                offenders.add(rel);
            }
        }
        assertTrue(sources.size() > 100, "scanned the repository's sources: " + sources.size());
        assertEquals(List.of(), offenders, "create Kafka clients with KafkaClients / VertxKafka");
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/kafka")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "not inside the hyperrep repository: " + Path.of("").toAbsolutePath());
    }
}
