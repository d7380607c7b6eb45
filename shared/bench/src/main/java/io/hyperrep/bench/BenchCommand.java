package io.hyperrep.bench;

import io.hyperrep.broker.LocalBroker;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.service.runtime.ServiceContext;
import io.vertx.core.Deployable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hyperrep bench <what>}: benchmarks that print ratios against a baseline measured in the same run. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks; each prints ratios against a baseline measured in the same run.")
public final class BenchCommand implements Callable<Integer> {

    private final List<Function<ServiceContext, Deployable>> ingestService;

    /** @param ingestService the ingest service's verticles, as the launcher's service catalogue deploys them ({@code bench ingest}) */
    public BenchCommand(List<Function<ServiceContext, Deployable>> ingestService) {
        this.ingestService = List.copyOf(ingestService);
    }

    // Kept apart (duplicates): each option is this command's own (name, default, description); other commands'
    // options share only picocli's declaration shape, and a shared mixin would change their --help text.
    @Parameters(
            index = "0",
            description =
                    "What to benchmark: zoo (population training), hyper (autoencoder training), ingest (publish to snapshot), "
                            + "eval (epoch-0 evaluations of 100 generated models, single vs population-batched).")
    String what;

    @Option(names = "--steps", description = "Timed training steps per size. Default: 150 (zoo), 5 (hyper).")
    Integer steps;

    @Option(
            names = "--sizes",
            split = ",",
            description = "Population sizes (zoo, default 1,8,16,32; eval, default "
                    + "8,32 and always 100) or batch sizes (hyper, default 32,128).")
    int[] sizes;

    @Option(names = "--data-dir", description = "Fashion-MNIST directory.")
    Path dataDir;

    @Option(
            names = "--checkpoints",
            defaultValue = "20000",
            description = "bench ingest: checkpoints in the throughput burst. Default: ${DEFAULT-VALUE}.")
    int checkpoints;

    @Option(
            names = "--rate",
            defaultValue = "5000",
            description = "bench ingest: checkpoints/s of the steady latency phase. Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(
            names = "--bootstrap",
            description = "bench ingest: an existing broker; default: a local broker started for the run.")
    String bootstrap;

    @Override
    public Integer call() throws Exception {
        validate();
        switch (what) {
            case "zoo" ->
                new ZooBenchmark(steps == null ? 150 : steps, sizes == null ? new int[] {1, 8, 16, 32} : sizes, dataDir)
                        .run(System.out);
            case "hyper" ->
                new HyperBenchmark(steps == null ? 5 : steps, sizes == null ? new int[] {32, 128} : sizes)
                        .run(System.out);
            case "ingest" -> {
                if (bootstrap != null) {
                    new IngestBenchmark(
                                    ingestService,
                                    KafkaClients.fromEnvironment(bootstrap),
                                    checkpoints,
                                    rate,
                                    Duration.ofSeconds(4))
                            .run(System.out);
                } else {
                    try (var broker = LocalBroker.start(null, 0)) {
                        new IngestBenchmark(
                                        ingestService,
                                        KafkaClients.of(broker.bootstrapServers()),
                                        checkpoints,
                                        rate,
                                        Duration.ofSeconds(4))
                                .run(System.out);
                    }
                }
            }
            case "eval" ->
                new EvalBenchmark(EvalBenchmark.MODELS, sizes == null ? new int[] {8, 32} : sizes, dataDir)
                        .run(System.out);
            default ->
                throw new IllegalArgumentException("unknown benchmark '" + what + "'; known: zoo, hyper, ingest, eval");
        }
        return 0;
    }

    /** Rejects what no benchmark can run with before anything starts (a broker, ND4J, a data load). */
    void validate() {
        if (!List.of("zoo", "hyper", "ingest", "eval").contains(what)) {
            throw new IllegalArgumentException("unknown benchmark '" + what + "'; known: zoo, hyper, ingest, eval");
        }
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
        }
        if (sizes != null) {
            if (sizes.length == 0) {
                throw new IllegalArgumentException("--sizes needs at least one size");
            }
            for (int size : sizes) {
                if (size < 1) {
                    throw new IllegalArgumentException("--sizes must all be at least 1, got " + size);
                }
            }
        }
        if (checkpoints < 1) {
            throw new IllegalArgumentException("--checkpoints must be at least 1, got " + checkpoints);
        }
        if (rate < 1) {
            throw new IllegalArgumentException("--rate must be at least 1 checkpoint/s, got " + rate);
        }
    }
}
