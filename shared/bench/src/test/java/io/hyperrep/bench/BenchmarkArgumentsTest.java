package io.hyperrep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The benchmarks refuse steps and sizes they cannot run with, each saying which range applies (no data is loaded). */
class BenchmarkArgumentsTest {

    private static String rejection(Runnable construct) {
        return assertThrows(IllegalArgumentException.class, construct::run).getMessage();
    }

    @Test
    void shouldNameTheRangeOfEachBenchmarksSizes() {
        assertEquals(
                "--sizes must be population sizes in 1..1024, got [8, 2000]",
                rejection(() -> new ZooBenchmark(5, new int[] {8, 2000}, null)));
        assertEquals(
                "--sizes must be population sizes in 1..1024, got [0]",
                rejection(() -> new EvalBenchmark(EvalBenchmark.MODELS, new int[] {0}, null)));
        assertEquals(
                "--sizes must be batch sizes in 2..4096, got [1, 32]",
                rejection(() -> new HyperBenchmark(5, new int[] {1, 32})));
        assertEquals(
                "--sizes must be batch sizes in 2..4096, got []", rejection(() -> new HyperBenchmark(5, new int[0])));
    }

    @Test
    void shouldRefuseStepsBelowOne() {
        assertEquals("--steps must be positive, got 0", rejection(() -> new ZooBenchmark(0, new int[] {1}, null)));
        assertEquals("--steps must be positive, got -1", rejection(() -> new HyperBenchmark(-1, new int[] {32})));
    }
}
