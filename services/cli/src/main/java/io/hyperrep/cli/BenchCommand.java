package io.hyperrep.cli;

import io.hyperrep.service.evaluator.EvalBenchmark;
import io.hyperrep.service.trainer.HyperBenchmark;
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

    @Parameters(index = "0", description = "What to benchmark: zoo (population training), hyper (autoencoder training), ingest (publish to snapshot), "
            + "eval (epoch-0 evaluations of 100 generated models, single vs population-batched).")
    String what;

    @Option(names = "--steps", description = "Timed training steps per size. Default: 150 (zoo), 5 (hyper).")
    Integer steps;

    @Option(names = "--sizes", split = ",", description = "Population sizes (zoo, default 1,8,16,32; eval, default "
            + "8,32 and always 100) or batch sizes (hyper, default 32,128).")
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
            case "zoo" -> new ZooBenchmark(steps == null ? 150 : steps, sizes == null ? new int[] {1, 8, 16, 32} : sizes, dataDir)
                    .run(System.out);
            case "hyper" -> new HyperBenchmark(steps == null ? 5 : steps, sizes == null ? new int[] {32, 128} : sizes).run(System.out);
            case "ingest" -> {
                if (bootstrap != null) {
                    new io.hyperrep.service.ingest.IngestBenchmark(io.hyperrep.kafka.KafkaClients.fromEnvironment(bootstrap),
                            checkpoints, rate, java.time.Duration.ofSeconds(4)).run(System.out);
                } else {
                    try (var broker = io.hyperrep.broker.LocalBroker.start(null, 0)) {
                        new io.hyperrep.service.ingest.IngestBenchmark(io.hyperrep.kafka.KafkaClients.of(broker.bootstrapServers()), checkpoints, rate,
                                java.time.Duration.ofSeconds(4)).run(System.out);
                    }
                }
            }
            case "eval" -> new EvalBenchmark(EvalBenchmark.MODELS, sizes == null ? new int[] {8, 32} : sizes, dataDir).run(System.out);
            default -> throw new IllegalArgumentException("unknown benchmark '" + what + "'; known: zoo, hyper, ingest, eval");
        }
        return 0;
    }
}
