package io.hyperrep.ml.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.ml.nd.Backend;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GanSamplerTest {

    private static final int MODES = 4;
    private static final double RADIUS = 2;
    private static final double MODE_STD = 0.2;

    @BeforeAll
    static void init() {
        Backend.init();
    }

    static double[][] modes() {
        double[][] m = new double[MODES][];
        for (int k = 0; k < MODES; k++) {
            double a = 2 * Math.PI * k / MODES;
            m[k] = new double[] {RADIUS * Math.cos(a) + 1, RADIUS * Math.sin(a) - 3};
        }
        return m;
    }

    static float[][] mixture(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] modes = modes();
        float[][] x = new float[n][2];
        for (int i = 0; i < n; i++) {
            double[] c = modes[i % MODES];
            x[i][0] = (float) (c[0] + MODE_STD * r.nextGaussian());
            x[i][1] = (float) (c[1] + MODE_STD * r.nextGaussian());
        }
        return x;
    }

    static double[] stats(float[][] x) {
        double[][] modes = modes();
        double m0 = 0, m1 = 0;
        for (float[] r : x) { m0 += r[0]; m1 += r[1]; }
        m0 /= x.length; m1 /= x.length;
        double v0 = 0, v1 = 0;
        for (float[] r : x) { v0 += (r[0] - m0) * (r[0] - m0); v1 += (r[1] - m1) * (r[1] - m1); }
        v0 /= x.length; v1 /= x.length;
        int near = 0;
        int[] perMode = new int[MODES];
        for (float[] r : x) {
            int best = -1; double bd = Double.MAX_VALUE;
            for (int k = 0; k < MODES; k++) {
                double d = Math.hypot(r[0] - modes[k][0], r[1] - modes[k][1]);
                if (d < bd) { bd = d; best = k; }
            }
            if (bd < 3 * MODE_STD) { near++; perMode[best]++; }
        }
        double minShare = 1;
        for (int c : perMode) minShare = Math.min(minShare, c / (double) x.length);
        return new double[] {m0, m1, v0, v1, near / (double) x.length, minShare};
    }

    @Test
    void explore() {
        float[][] data = mixture(400, 3);
        System.err.println("data " + java.util.Arrays.toString(stats(data)));
        for (GanConfig cfg : new GanConfig[] {
                new GanConfig(8, 64, 2, 1e-3, 2000, 64),
                new GanConfig(8, 64, 2, 2e-3, 2000, 64),
                new GanConfig(8, 128, 2, 1e-3, 2000, 64)}) {
            long c0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            GanSampler s = new GanSamplerFactory(cfg).fit(data, 11);
            long t1 = System.nanoTime();
            float[][] x = s.sample(2000, 5);
            System.err.printf("cpu %.1fs ", (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c0) / 1e9);
            System.err.printf("%s fit %.1fs sample %.2fs %s %s%n", cfg, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9,
                    java.util.Arrays.toString(stats(x)), s.trainingSummary());
        }
    }
}
