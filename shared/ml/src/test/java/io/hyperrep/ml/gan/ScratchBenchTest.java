package io.hyperrep.ml.gan;

import io.hyperrep.ml.nd.Backend;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class ScratchBenchTest {
    static long cpu() { return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }

    void time(String label, int n, Runnable r) {
        for (int i = 0; i < 5; i++) r.run();
        long w = System.nanoTime(), c = cpu();
        for (int i = 0; i < n; i++) r.run();
        System.err.printf("%s: wall %.2f ms, cpu %.2f ms per call%n", label, (System.nanoTime() - w) / 1e6 / n, (cpu() - c) / 1e6 / n);
    }

    @Test
    void bench() {
        Backend.init();
        Backend.threadsPerOp(1);
        GanConfig cfg = new GanConfig(8, 64, 2, 1e-3, 50, 64);
        Mlp g = Mlp.generator(cfg, 2), d = Mlp.discriminator(cfg, 2);
        SplittableRandom r = new SplittableRandom(1);
        Map<String, INDArray> init = new HashMap<>(g.initialParameters(r));
        init.putAll(d.initialParameters(r));
        SameDiff ts = GanGraphs.training(g, d, init, 64);
        ts.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-3)).dataSetFeatureMapping(GanGraphs.REAL, GanGraphs.NOISE).markLabelsUnused().minimize(GanGraphs.LOSS).build());
        MultiDataSet gm = new MultiDataSet(new INDArray[] {Nd4j.rand(DataType.FLOAT, 64, 2), Nd4j.rand(DataType.FLOAT, 64, 8)}, new INDArray[0]);
        time("gan fit", 40, () -> ts.fit(gm));
        Nd4j.getEnvironment().allowHelpers(false);
        time("gan fit no helpers", 40, () -> ts.fit(gm));
        Nd4j.getEnvironment().allowHelpers(true);
        time("gan fit helpers again", 40, () -> ts.fit(gm));
        Thread main = Thread.currentThread();
        Map<String, Integer> hist = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Integer> hist2 = new java.util.concurrent.ConcurrentHashMap<>();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                StackTraceElement[] st = main.getStackTrace();
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (int i = 0; i < Math.min(st.length, 40); i++) {
                    String k = st[i].getClassName().replaceAll(".*\\.", "") + "." + st[i].getMethodName();
                    if (seen.add(k)) hist.merge(k, 1, Integer::sum);
                }
                if (st.length > 0) hist2.merge(st[0].getClassName().replaceAll(".*\\.", "") + "." + st[0].getMethodName() + ":" + st[0].getLineNumber(), 1, Integer::sum);
                try { Thread.sleep(2); } catch (InterruptedException e) { return; }
            }
        });
        sampler.start();
        for (int i = 0; i < 60; i++) ts.fit(gm);
        sampler.interrupt();
        hist.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(45).forEach(e -> System.err.println("incl " + e));
        hist2.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(20).forEach(e -> System.err.println("top " + e));
        // plain MLP fit
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 2);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 1);
        SDVariable h = sd.nn.leakyRelu(sd.mmul(x, sd.var("w0", Nd4j.rand(DataType.FLOAT, 2, 64))).add(sd.var("b0", Nd4j.zeros(DataType.FLOAT, 64))), 0.2);
        h = sd.nn.leakyRelu(sd.mmul(h, sd.var("w1", Nd4j.rand(DataType.FLOAT, 64, 64))).add(sd.var("b1", Nd4j.zeros(DataType.FLOAT, 64))), 0.2);
        SDVariable o = sd.mmul(h, sd.var("w2", Nd4j.rand(DataType.FLOAT, 64, 1)));
        SDVariable diff = o.sub(y);
        sd.mean("loss", diff.mul(diff));
        sd.setLossVariables("loss");
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(1e-3)).dataSetFeatureMapping("x").dataSetLabelMapping("y").build());
        MultiDataSet mds = new MultiDataSet(new INDArray[] {Nd4j.rand(DataType.FLOAT, 64, 2)}, new INDArray[] {Nd4j.rand(DataType.FLOAT, 64, 1)});
        time("mlp fit", 40, () -> sd.fit(mds));
        time("mlp grads", 40, () -> sd.calculateGradients(Map.of("x", mds.getFeatures(0), "y", mds.getLabels(0)), "w0", "w1", "w2", "b0", "b1"));
        INDArray a = Nd4j.rand(DataType.FLOAT, 64, 64), b = Nd4j.rand(DataType.FLOAT, 64, 64);
        float[] fa = new float[64*64], fb = new float[64*64], fc = new float[64*64];
        time("java mmul x30", 40, () -> { for (int t = 0; t < 30; t++) for (int i = 0; i < 64; i++) for (int k = 0; k < 64; k++) { float v = fa[i*64+k]; for (int j = 0; j < 64; j++) fc[i*64+j] += v * fb[k*64+j]; } });
        time("raw mmul x30", 40, () -> { for (int i = 0; i < 30; i++) a.mmul(b); });
    }
}
