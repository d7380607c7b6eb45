package io.hyperrep.cli;

import io.hyperrep.service.zoo.ZooBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hyperrep bench <what>}: benchmarks that print ratios against a baseline measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks; each prints ratios against a baseline measured in the same run.")
public final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "What to benchmark: zoo, ingest.")
    String what;

    @Option(names = "--steps", defaultValue = "150", description = "Timed training steps per population size. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--sizes", defaultValue = "1,8,16,32", split = ",", description = "Population sizes. Default: ${DEFAULT-VALUE}.")
    int[] sizes;

    @Option(names = "--data-dir", description = "Fashion-MNIST directory.")
    Path dataDir;

    @Option(names = "--checkpoints", defaultValue = "20000", description = "bench ingest: checkpoints in the throughput burst. Default: ${DEFAULT-VALUE}.")
    int checkpoints;

    @Option(names = "--rate", defaultValue = "5000", description = "bench ingest: checkpoints/s of the steady latency phase. Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(names = "--bootstrap", description = "bench ingest: an existing broker; default: a local broker started for the run.")
    String bootstrap;

    @Override
    public Integer call() throws Exception {
        switch (what) {
            case "zoo" -> new ZooBenchmark(steps, sizes, dataDir).run(System.out);
            case "ingest" -> {
                if (bootstrap != null) {
                    new io.hyperrep.service.ingest.IngestBenchmark(bootstrap, checkpoints, rate, java.time.Duration.ofSeconds(4)).run(System.out);
                } else {
                    try (var broker = io.hyperrep.broker.LocalBroker.start(null, 0)) {
                        new io.hyperrep.service.ingest.IngestBenchmark(broker.bootstrapServers(), checkpoints, rate,
                                java.time.Duration.ofSeconds(4)).run(System.out);
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown benchmark '" + what + "'; known: zoo, ingest");
        }
        return 0;
    }
}
