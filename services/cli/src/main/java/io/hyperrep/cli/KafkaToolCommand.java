package io.hyperrep.cli;

import io.hyperrep.broker.LocalBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hyperrep kafka <tool> [args]}: runs Kafka's own command-line tools from the broker's jars,
 * e.g. {@code hyperrep kafka console-consumer --bootstrap-server localhost:9092 --topic hyperrep.checkpoints}.
 */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "Run Kafka's own tools (console-consumer, console-producer, topics) from the bundled Kafka jars.")
public final class KafkaToolCommand implements Callable<Integer> {

    private static final Map<String, String> TOOLS = Map.of(
            "console-consumer", "org.apache.kafka.tools.consumer.ConsoleConsumer",
            "console-producer", "org.apache.kafka.tools.ConsoleProducer",
            "topics", "org.apache.kafka.tools.TopicCommand");

    @Parameters(index = "0", description = "Tool: console-consumer, console-producer or topics.")
    String tool;

    @Parameters(index = "1..*", arity = "0..*", description = "Arguments passed to the tool unchanged.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String main = TOOLS.get(tool);
        if (main == null) {
            throw new IllegalArgumentException("unknown Kafka tool '" + tool + "'; known: " + String.join(", ", TOOLS.keySet()));
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", LocalBroker.classpath(), main));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }
}
