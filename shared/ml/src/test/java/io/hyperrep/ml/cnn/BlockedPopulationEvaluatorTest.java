package io.hyperrep.ml.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.data.Normalization;
import io.hyperrep.ml.nd.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plain-Java population evaluator against the SameDiff one, and independent of its thread count. */
class BlockedPopulationEvaluatorTest {

    @BeforeAll
    static void init() {
        Backend.init();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cnn-s", "cnn-l"})
    void shouldAgreeWithTheSameDiffEvaluator(String id) {
        Architecture arch = Architectures.byId(id);
        float[][] w = PopulationCnnGraphTest.models(arch, 3);
        // two full blocks and a partial one
        ImageSet imgs = PopulationCnnGraphTest.randomImages(arch, PopulationCnnGraphTest.randomLabels(70));
        Normalization norm = new Normalization(0.3, 0.35);

        Evaluation expected = new PopulationEvaluator(arch, Activation.TANH).evaluate(w, imgs, norm, true, true);
        Evaluation actual;
        try (BlockedPopulationEvaluator ev = new BlockedPopulationEvaluator(arch, Activation.TANH, 2)) {
            actual = ev.evaluate(w, imgs, norm, true, true);
        }

        assertArrayEquals(expected.accuracy(), actual.accuracy(), 1e-12);
        assertArrayEquals(expected.loss(), actual.loss(), 1e-4);
        for (int m = 0; m < w.length; m++) {
            assertArrayEquals(expected.predictions()[m], actual.predictions()[m], "predictions of model " + m);
            assertArrayEquals(expected.probabilities()[m], actual.probabilities()[m], 1e-4f, "softmax of model " + m);
        }
    }

    @Test
    void shouldGiveIdenticalResultsForAnyNumberOfThreads() {
        Architecture arch = Architectures.CNN_S;
        ImageSet imgs = PopulationCnnGraphTest.randomImages(arch, PopulationCnnGraphTest.randomLabels(201));
        Normalization norm = new Normalization(0.3, 0.35);
        for (int k : new int[] {1, 5}) {
            float[][] w = PopulationCnnGraphTest.models(arch, k);
            Evaluation one;
            Evaluation three;
            try (BlockedPopulationEvaluator a = new BlockedPopulationEvaluator(arch, Activation.TANH, 1);
                    BlockedPopulationEvaluator b = new BlockedPopulationEvaluator(arch, Activation.TANH, 3)) {
                one = a.evaluate(w, imgs, norm);
                three = b.evaluate(w, imgs, norm);
            }
            assertArrayEquals(one.accuracy(), three.accuracy(), 0.0, k + " models");
            assertArrayEquals(one.loss(), three.loss(), 0.0, k + " models");
        }
    }

    @Test
    void shouldRejectImagesOrWeightsOfAnotherArchitecture() {
        try (BlockedPopulationEvaluator ev = new BlockedPopulationEvaluator(Architectures.CNN_S, Activation.TANH, 1)) {
            ImageSet cifarLike =
                    PopulationCnnGraphTest.randomImages(Architectures.CNN_L, PopulationCnnGraphTest.randomLabels(3));
            float[][] small = PopulationCnnGraphTest.models(Architectures.CNN_S, 1);
            float[][] large = PopulationCnnGraphTest.models(Architectures.CNN_L, 1);
            ImageSet fashionLike =
                    PopulationCnnGraphTest.randomImages(Architectures.CNN_S, PopulationCnnGraphTest.randomLabels(3));
            Normalization norm = Normalization.UNIT;
            assertEquals(
                    "images of 3x32x32 do not fit cnn-s (1x28x28)",
                    assertThrows(IllegalArgumentException.class, () -> ev.evaluate(small, cifarLike, norm))
                            .getMessage());
            assertEquals(
                    "model 0 has 10853 parameters, cnn-s has 2464",
                    assertThrows(IllegalArgumentException.class, () -> ev.evaluate(large, fashionLike, norm))
                            .getMessage());
        }
    }
}
