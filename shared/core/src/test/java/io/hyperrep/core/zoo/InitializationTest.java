package io.hyperrep.core.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InitializationTest {

    private final Architecture arch = Architectures.CNN_S;

    @Test
    void shouldDrawKaimingUniformWeightsAndRecipeBiases() {
        float[] w = ModelSeeds.initialWeights(arch, Initialization.KAIMING_UNIFORM, 7);
        double bound0 = Math.sqrt(6.0 / 25);
        double max = 0;
        for (int i = 0; i < 200; i++) {
            max = Math.max(max, Math.abs(w[i]));
        }
        assertTrue(max <= bound0 && max > 0.9 * bound0, "conv1 weights within +-sqrt(6/25), got max " + max);
        for (int i = 200; i < 208; i++) {
            assertEquals(0.01f, w[i]);
        }
    }

    @Test
    void shouldBeDeterminedBySeed() {
        assertArrayEquals(
                ModelSeeds.initialWeights(arch, Initialization.KAIMING_UNIFORM, 3),
                ModelSeeds.initialWeights(arch, Initialization.KAIMING_UNIFORM, 3));
        assertFalse(Arrays.equals(
                ModelSeeds.initialWeights(arch, Initialization.KAIMING_UNIFORM, 3),
                ModelSeeds.initialWeights(arch, Initialization.KAIMING_UNIFORM, 4)));
        assertArrayEquals(ModelSeeds.epochOrder(3, 2, 100), ModelSeeds.epochOrder(3, 2, 100));
        assertFalse(Arrays.equals(ModelSeeds.epochOrder(3, 2, 100), ModelSeeds.epochOrder(3, 3, 100)));
    }

    @Test
    void shouldDrawUniformZeroOneForTheMnistRecipe() {
        float[] w = ModelSeeds.initialWeights(arch, Initialization.UNIFORM, 1);
        for (int i = 0; i < 200; i++) {
            assertTrue(w[i] >= 0 && w[i] < 1);
        }
        assertEquals(Initialization.KAIMING_UNIFORM, Initialization.parse("kaiming-uniform"));
    }
}
