package io.hyperrep.launcher;

import io.hyperrep.broker.LocalBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hyperrep broker}: a local single-node Kafka broker until Ctrl-C. */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = "Run a local single-node Kafka broker (KRaft, from the Maven jars) until Ctrl-C.")
public final class BrokerCommand implements Callable<Integer> {

    @Option(
            names = "--port",
            defaultValue = "9092",
            description = "Client port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--data-dir",
            description =
                    "Keep the broker's data here across runs: created if missing; a later run on it serves the same topics and "
                            + "records. Default: a temporary directory deleted on exit.")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be in 0..65535, got " + port);
        }
        try (LocalBroker broker = LocalBroker.start(dataDir, port)) {
            System.out.println("Kafka broker ready at " + broker.bootstrapServers() + " (data " + broker.dataDir()
                    + "). Ctrl-C stops it.");
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
