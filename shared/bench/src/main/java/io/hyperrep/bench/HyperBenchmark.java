package io.hyperrep.bench;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.hyper.CheckpointDataset;
import io.hyperrep.core.token.Augmentation;
import io.hyperrep.core.token.TokenLayout;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.core.zoo.Initialization;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.ml.hyper.AutoencoderConfig;
import io.hyperrep.ml.hyper.AutoencoderFlops;
import io.hyperrep.ml.hyper.AutoencoderTrainer;
import io.hyperrep.ml.hyper.HyperTrainingParams;
import io.hyperrep.ml.nd.SgemmPeak;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Autoencoder training speed with the default config on CNN-s checkpoints: time per step (batch
 * assembly with augmentation, forward, backward, AdamW), memory, and the achieved matmul
 * GFLOP/s next to an sgemm peak measured in the same run. Checkpoints are synthetic (PyTorch-default
 * initialisations): the step time does not depend on the weights' values.
 */
public final class HyperBenchmark {

    private static final int WARMUP_STEPS = 2;

    private final int steps;
    private final int[] batches;

    public HyperBenchmark(int steps, int[] batches) {
        this.steps = BenchSetup.requirePositiveSteps(steps);
        this.batches = BenchSetup.requireSizes(batches, 2, 4096, "batch sizes");
    }

    /** One measured batch size. */
    record Result(
            int batch,
            double msPerStep,
            double checkpointsPerSecond,
            double gflopPerStep,
            double evalMsPer100,
            ProcessMemory peak) {
        double gflops() {
            return gflopPerStep * 1000 / msPerStep;
        }
    }

    public void run(PrintStream out) {
        BenchSetup.printMachine(out);
        Architecture arch = Architectures.CNN_S;
        TokenLayout layout = new TokenLayout(arch);
        AutoencoderConfig base = AutoencoderConfig.cpuDefault();
        out.printf(
                Locale.ROOT,
                "autoencoder: default CPU config (d %d, %d heads, ff %d, %d blocks, latent %d) on %s (%d weights, %d tokens);"
                        + " paper augmentation; %d timed steps after %d warm-up steps%n",
                base.dModel(),
                base.heads(),
                base.dFf(),
                base.blocks(),
                base.latent(),
                arch.id(),
                arch.parameterCount(),
                layout.tokens(),
                steps,
                WARMUP_STEPS);
        double peakBefore = SgemmPeak.gflops();
        List<Result> results = new ArrayList<>();
        for (int b : batches) {
            results.add(measure(base.withBatchSize(b), layout));
            System.gc();
        }
        double peak = Math.max(
                peakBefore, SgemmPeak.gflops()); // measured before and after; the faster is the fairer baseline
        out.printf(
                Locale.ROOT,
                "sgemm peak: %.1f GFLOP/s (Nd4j.gemm, %dx%d float, best of two measurements)%n%n",
                peak,
                SgemmPeak.SIZE,
                SgemmPeak.SIZE);
        out.println(
                "batch   ms/step   ckpt/s   GFLOP/step   GFLOP/s   of sgemm peak   eval ms/100 ckpt   peak RSS    peak heap");
        for (Result r : results) {
            out.printf(
                    Locale.ROOT,
                    "%5d  %8.1f  %7.1f  %11.2f  %8.2f  %13.1f%%   %16.0f   %-10s  %s%n",
                    r.batch(),
                    r.msPerStep(),
                    r.checkpointsPerSecond(),
                    r.gflopPerStep(),
                    r.gflops(),
                    100 * r.gflops() / peak,
                    r.evalMsPer100(),
                    ProcessMemory.gib(r.peak().rssBytes()),
                    ProcessMemory.gib(r.peak().heapBytes()));
        }
        out.printf(
                Locale.ROOT,
                "%nprocess peak RSS (VmHWM): %s; ND4J's native buffers are RSS minus heap. GFLOP counts only matmuls"
                        + " (2mnk; a training step = 3x the forward pass on 2B rows). eval: the epoch-end reconstruction loss of the training"
                        + " checkpoints (inference graph, no dropout).%n",
                ProcessMemory.gib(ProcessMemory.now().peakRssBytes()));
    }

    private Result measure(AutoencoderConfig cfg, TokenLayout layout) {
        int need = cfg.batchSize() * (WARMUP_STEPS + steps);
        // 70% of the models land in the training split; one checkpoint per model
        CheckpointDataset data = CheckpointDataset.of(
                synthetic(layout.architecture(), (int) Math.ceil(need / 0.7) + 8),
                CheckpointDataset.Options.standard(1, 1));
        try (AutoencoderTrainer trainer = new AutoencoderTrainer(
                cfg, data, Augmentation.paper(), HyperTrainingParams.constant(1, 1e-3, 3e-5, 1))) {
            return measure(
                    trainer,
                    cfg,
                    layout,
                    data.train().stream().map(Checkpoint::weights).toArray(float[][]::new));
        }
    }

    private Result measure(AutoencoderTrainer trainer, AutoencoderConfig cfg, TokenLayout layout, float[][] train) {
        long[] times = new long[WARMUP_STEPS + steps + 1];
        int[] done = {0};
        ProcessMemory[] peak = {ProcessMemory.now()};
        times[0] = System.nanoTime();
        trainer.trainEpoch(
                1,
                (step, n, r) -> {
                    times[step] = System.nanoTime();
                    done[0] = step;
                    peak[0] = peak[0].max(ProcessMemory.now());
                },
                () -> done[0] >= WARMUP_STEPS + steps);
        double ms = (times[WARMUP_STEPS + steps] - times[WARMUP_STEPS]) / 1e6 / steps;
        // the epoch-end evaluation (dropout-free reconstruction loss); the first call builds the inference session
        trainer.representation().lossAndR2(train);
        long evalStart = System.nanoTime();
        trainer.representation().lossAndR2(train);
        double evalMsPer100 = (System.nanoTime() - evalStart) / 1e6 * 100 / train.length;
        peak[0] = peak[0].max(ProcessMemory.now());
        return new Result(
                cfg.batchSize(),
                ms,
                cfg.batchSize() * 1000 / ms,
                AutoencoderFlops.trainingStep(layout, cfg) / 1e9,
                evalMsPer100,
                peak[0]);
    }

    private static List<Checkpoint> synthetic(Architecture arch, int models) {
        List<Checkpoint> out = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            out.add(new Checkpoint(
                    "bench",
                    String.format("m%05d", m),
                    m,
                    1,
                    arch.id(),
                    arch.layoutHash(),
                    new CheckpointMetrics(1, 0.5, 0.5, 0.5),
                    ModelSeeds.initialWeights(arch, Initialization.KAIMING_UNIFORM, m)));
        }
        return out;
    }
}
