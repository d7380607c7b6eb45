package io.hyperrep.core.token;

import io.hyperrep.core.arch.Architecture;
import java.util.SplittableRandom;

/**
 * The per-view augmentation of METHOD.md §4: a random function-preserving permutation, optional
 * additive Gaussian noise, then random erasing (with probability {@code eraseProbability} one
 * contiguous block of length {@code int(P*U(scaleMin, scaleMax))} starting uniformly in [0, P) is set
 * to zero; a block running past the end is redrawn up to 10 times, then the view is left unerased).
 */
public record Augmentation(boolean permute, double noiseStd, double eraseProbability, double scaleMin, double scaleMax) {

    public Augmentation {
        if (noiseStd < 0 || eraseProbability < 0 || eraseProbability > 1) {
            throw new IllegalArgumentException("noise std must be >= 0 and erase probability in [0, 1]");
        }
        if (!(scaleMin >= 0 && scaleMin <= scaleMax && scaleMax <= 1)) {
            throw new IllegalArgumentException("erase scale must satisfy 0 <= min <= max <= 1, got " + scaleMin + ", " + scaleMax);
        }
    }

    /** The paper's configuration: permutations on, noise off, erasing p=0.5 with scale (0.02, 0.33). */
    public static Augmentation paper() {
        return new Augmentation(true, 0.0, 0.5, 0.02, 0.33);
    }

    /** One augmented view of {@code w} (not modified). */
    public float[] view(Architecture arch, float[] w, SplittableRandom rnd) {
        float[] v = permute ? WeightPermutation.apply(arch, w, WeightPermutation.random(arch, rnd)) : w.clone();
        if (noiseStd > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (noiseStd * gaussian(rnd));
            }
        }
        if (rnd.nextDouble() < eraseProbability) {
            int n = v.length;
            for (int attempt = 0; attempt < 10; attempt++) {
                int len = (int) (n * (scaleMin + (scaleMax - scaleMin) * rnd.nextDouble()));
                int start = rnd.nextInt(n);
                if (start + len < n) {
                    java.util.Arrays.fill(v, start, start + len, 0f);
                    break;
                }
            }
        }
        return v;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
