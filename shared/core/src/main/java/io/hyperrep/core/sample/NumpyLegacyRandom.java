package io.hyperrep.core.sample;

/**
 * numpy's legacy {@code RandomState}: MT19937 with {@code random_sample} (53-bit doubles) and the polar
 * Box–Muller {@code legacy_gauss}. It exists so that {@link FaithfulKdeSampler} draws exactly what
 * scikit-learn's {@code KernelDensity.sample(random_state=seed)} draws; only {@code Math.log} may differ
 * from the C library's by one ulp, and only in rare draws.
 */
final class NumpyLegacyRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final long MAX_UINT32 = 0xffffffffL;

    private final int[] mt = new int[N];
    private int pos;
    private boolean hasGauss;
    private double gauss;

    private NumpyLegacyRandom() {}

    /**
     * {@code RandomState(seed)} for 0 ≤ seed < 2³²; any other long is seeded as
     * {@code RandomState([low 32 bits, high 32 bits])} (numpy itself rejects such integer seeds).
     */
    static NumpyLegacyRandom seeded(long seed) {
        NumpyLegacyRandom r = new NumpyLegacyRandom();
        if (seed >= 0 && seed <= MAX_UINT32) {
            r.initGenrand((int) seed);
        } else {
            r.initByArray(new int[] {(int) seed, (int) (seed >>> 32)});
        }
        r.pos = N;
        return r;
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    /** Next 32 random bits as an unsigned value. */
    long nextUint32() {
        if (pos >= N) {
            twist();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & MAX_UINT32;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        pos = 0;
    }

    /** {@code random_sample()}: a double in [0, 1) from two 32-bit draws. */
    double nextDouble() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code legacy_gauss}: the polar method, caching the second value of each pair. */
    double nextGaussian() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }
}
