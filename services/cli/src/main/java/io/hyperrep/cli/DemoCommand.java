package io.hyperrep.cli;

import io.hyperrep.broker.LocalBroker;
import io.hyperrep.service.zoo.ZooPublishCommand;
import io.hyperrep.zoo.ZooDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hyperrep demo}: the embedded default. Starts a local broker, trains a small zoo, publishes
 * its checkpoints, and keeps the broker up so they can be read back, until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Embedded demo: local Kafka broker, train a small zoo, publish it; keeps running until Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--models", defaultValue = "8", description = "Models in the demo zoo. Default: ${DEFAULT-VALUE}.")
    int models;

    @Option(names = "--epochs", defaultValue = "1", description = "Epochs per model. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--train-images", defaultValue = "10000", description = "Training images per epoch. Default: ${DEFAULT-VALUE}.")
    int trainImages;

    @Option(names = "--port", defaultValue = "9092", description = "Broker port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--out", defaultValue = "target/demo-zoo", description = "Zoo directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--exit", description = "Stop after publishing instead of serving until Ctrl-C.")
    boolean exit;

    @Override
    public Integer call() throws Exception {
        try (LocalBroker broker = LocalBroker.start(null, port)) {
            String bootstrap = broker.bootstrapServers();
            System.out.println("[demo] Kafka broker ready at " + bootstrap);
            Files.createDirectories(out);
            int rc = new CommandLine(new io.hyperrep.service.zoo.ZooTrainCommand()).execute(
                    "--models", String.valueOf(models), "--epochs", String.valueOf(epochs), "--out", out.toString(),
                    "--zoo-id", "demo", "--train-images", String.valueOf(trainImages), "--group-size", String.valueOf(models));
            if (rc != 0) {
                return rc;
            }
            // Published after training, whole: a resumed demo zoo is published the same way (idempotent by key).
            ZooDirectory dir = ZooDirectory.open(out);
            ZooPublishCommand.publish(dir, dir.checkpointFiles(), bootstrap, 4);
            System.out.println("[demo] Read the checkpoints back with Kafka's own console consumer:");
            System.out.println("  ./hyperrep kafka console-consumer --bootstrap-server " + bootstrap
                    + " --topic hyperrep.checkpoints --from-beginning --max-messages 3 --property print.key=true --property print.headers=true");
            if (exit) {
                return 0;
            }
            System.out.println("[demo] Broker keeps running; Ctrl-C stops it and deletes its data.");
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
