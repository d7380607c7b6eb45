package io.hyperrep.bench;

import io.hyperrep.ml.nd.Backend;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/** What every benchmark checks of its arguments and prints first, said once. */
final class BenchSetup {

    private BenchSetup() {}

    /** The line that tells runs on different machines and builds apart; initialises ND4J. */
    static void printMachine(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "machine: %d cores, %s, Java %s; ND4J %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                Backend.init());
    }

    static int requirePositiveSteps(int steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("--steps must be positive, got " + steps);
        }
        return steps;
    }

    /** {@code sizes} (at least one) if each is in {@code min..max}; {@code what} names them in the message. */
    static int[] requireSizes(int[] sizes, int min, int max, String what) {
        if (sizes.length == 0 || Arrays.stream(sizes).anyMatch(s -> s < min || s > max)) {
            throw new IllegalArgumentException(
                    "--sizes must be " + what + " in " + min + ".." + max + ", got " + Arrays.toString(sizes));
        }
        return sizes.clone();
    }

    static int[] requirePopulationSizes(int[] sizes) {
        return requireSizes(sizes, 1, 1024, "population sizes");
    }
}
