package io.hyperrep.core.data;

import java.util.SplittableRandom;

/** Seeded Fisher-Yates shuffles, identical on every JVM. */
public final class Permutations {

    private Permutations() {}

    /** A uniformly random permutation of 0..n-1 drawn from {@code rnd}. */
    public static int[] shuffled(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
