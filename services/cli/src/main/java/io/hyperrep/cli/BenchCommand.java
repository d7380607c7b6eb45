package io.hyperrep.cli;

import io.hyperrep.service.evaluator.EvalBenchmark;
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

    @Parameters(index = "0", description = "What to benchmark: zoo, eval (epoch-0 evaluations of 100 generated models; --sizes: "
            + "population sizes, 100 is always added).")
    String what;

    @Option(names = "--steps", defaultValue = "150", description = "Timed training steps per population size. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--sizes", defaultValue = "1,8,16,32", split = ",", description = "Population sizes. Default: ${DEFAULT-VALUE}.")
    int[] sizes;

    @Option(names = "--data-dir", description = "Fashion-MNIST directory.")
    Path dataDir;

    @Override
    public Integer call() {
        switch (what) {
            case "zoo" -> new ZooBenchmark(steps, sizes, dataDir).run(System.out);
            case "eval" -> new EvalBenchmark(EvalBenchmark.MODELS, sizes, dataDir).run(System.out);
            default -> throw new IllegalArgumentException("unknown benchmark '" + what + "'; known: zoo, eval");
        }
        return 0;
    }
}
