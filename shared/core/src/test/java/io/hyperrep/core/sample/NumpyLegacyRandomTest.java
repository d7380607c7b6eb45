package io.hyperrep.core.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Reference draws from numpy 2.4 {@code np.random.RandomState}. */
class NumpyLegacyRandomTest {

    @Test
    void shouldReproduceRandomStateUniformsAndNormals() {
        NumpyLegacyRandom r = NumpyLegacyRandom.seeded(42);
        // rs = RandomState(42); rs.uniform(0, 1, 4); rs.normal(0, 1, 5)
        double[] uniforms = {0.3745401188473625, 0.9507143064099162, 0.7319939418114051, 0.5986584841970366};
        for (double u : uniforms) {
            assertEquals(u, r.nextDouble(), 0.0);
        }
        double[] normals = {
            -0.23415337472333597, -0.23413695694918055, 1.5792128155073915, 0.7674347291529088, -0.4694743859349521
        };
        for (double g : normals) {
            assertEquals(g, r.nextGaussian(), 1e-15);
        }
    }

    @Test
    void shouldSeedLargeSeedsLikeATwoWordArrayAndTheLargestIntegerSeedDirectly() {
        // RandomState([5, 1]).random_sample(3): the long 2^32 + 5 split into 32-bit words.
        NumpyLegacyRandom r = NumpyLegacyRandom.seeded((1L << 32) + 5);
        for (double u : new double[] {0.15727238718789782, 0.2824866316461999, 0.6044540318498407}) {
            assertEquals(u, r.nextDouble(), 0.0);
        }
        // RandomState(4294967295).random_sample(2)
        NumpyLegacyRandom max = NumpyLegacyRandom.seeded(4294967295L);
        assertEquals(0.0976320289940138, max.nextDouble(), 0.0);
        assertEquals(0.9123828453026218, max.nextDouble(), 0.0);
    }
}
