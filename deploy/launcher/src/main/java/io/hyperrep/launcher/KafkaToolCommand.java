package io.hyperrep.launcher;

import io.hyperrep.broker.LocalBroker;
import io.hyperrep.kafka.ClientOverrides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hyperrep kafka <tool> [args]}: runs Kafka's own command-line tools from the broker's jars,
 * e.g. {@code hyperrep kafka console-consumer --bootstrap-server localhost:9092 --topic hyperrep.checkpoints}. The
 * {@code HYPERREP_KAFKA_CLIENT_*} variables (TLS, SASL) reach the tool as its client properties file, unless one is given.
 */
@Command(
        name = "kafka",
        mixinStandardHelpOptions = true,
        description = "Run Kafka's own tools (console-consumer, console-producer, topics) from the bundled Kafka jars.")
public final class KafkaToolCommand implements Callable<Integer> {

    private static final Map<String, String> TOOLS = Map.of(
            "console-consumer", "org.apache.kafka.tools.consumer.ConsoleConsumer",
            "console-producer", "org.apache.kafka.tools.ConsoleProducer",
            "topics", "org.apache.kafka.tools.TopicCommand");
    /** Each tool's option for a client properties file. */
    private static final Map<String, String> CONFIG_OPTION = Map.of(
            "console-consumer", "--consumer.config",
            "console-producer", "--producer.config",
            "topics", "--command-config");

    @Parameters(index = "0", description = "Tool: console-consumer, console-producer or topics.")
    String tool;

    @Parameters(index = "1..*", arity = "0..*", description = "Arguments passed to the tool unchanged.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String main = TOOLS.get(tool);
        if (main == null) {
            throw new IllegalArgumentException(
                    "unknown Kafka tool '" + tool + "'; known: " + String.join(", ", TOOLS.keySet()));
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                LocalBroker.classpath(),
                main));
        cmd.addAll(args);
        ClientOverrides overrides = ClientOverrides.fromEnvironment(System.getenv());
        Path config = null;
        if (!overrides.isEmpty() && !args.contains(CONFIG_OPTION.get(tool))) {
            // The HYPERREP_KAFKA_CLIENT_* settings (TLS, SASL) as the tool's client properties file, readable by this
            // user only.
            config = Files.createTempFile(
                    "hyperrep-kafka-client-",
                    ".properties",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Properties p = new Properties();
            p.putAll(overrides.resolved());
            try (var out = Files.newOutputStream(config)) {
                p.store(out, "HYPERREP_KAFKA_CLIENT_* of the hyperrep kafka command");
            }
            cmd.add(CONFIG_OPTION.get(tool));
            cmd.add(config.toString());
        }
        try {
            return new ProcessBuilder(cmd).inheritIO().start().waitFor();
        } finally {
            if (config != null) {
                Files.deleteIfExists(config);
            }
        }
    }
}
