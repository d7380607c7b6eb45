package io.hyperrep.ml.nd;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Single-precision GEMM throughput of ND4J's BLAS on square matrices, best of several repetitions: the
 * benchmarks' yardstick for what this machine's cores reach on dense float math in the same run.
 */
public final class SgemmPeak {

    /** Side of the square matrices. */
    public static final int SIZE = 1024;

    private SgemmPeak() {}

    /** GFLOP/s of {@code C = A B} for {@link #SIZE}x{@link #SIZE} floats, with ND4J's current thread settings. */
    public static double gflops() {
        Backend.init();
        INDArray a = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
        INDArray b = Nd4j.rand(DataType.FLOAT, SIZE, SIZE);
        INDArray c = Nd4j.create(DataType.FLOAT, SIZE, SIZE);
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0); // warm-up: threads and caches
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            int reps = 5;
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9 / reps);
        }
        return 2.0 * SIZE * SIZE * SIZE / best / 1e9;
    }
}
