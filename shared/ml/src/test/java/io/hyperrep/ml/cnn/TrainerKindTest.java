package io.hyperrep.ml.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.core.zoo.ZooRecipe;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the trainer, and resuming a saved state with the trainer that wrote it. */
class TrainerKindTest {

    static final ZooRecipe RECIPE = ZooRecipe.fashionMnistDefault();

    @Test
    void shouldParseNamesAndDefaultToTheKernelOnACpuForTanh() {
        assertEquals(TrainerKind.KERNEL, TrainerKind.parse("kernel"));
        assertEquals(TrainerKind.SAMEDIFF, TrainerKind.parse(" SameDiff "));
        assertThrows(IllegalArgumentException.class, () -> TrainerKind.parse("gpu"));
        assertEquals(
                TrainerKind.KERNEL, TrainerKind.defaultFor(RECIPE), "CPU backend, Vector API in the test JVM, tanh");
        ZooRecipe gelu = new ZooRecipe(
                RECIPE.dataset(),
                RECIPE.arch(),
                Activation.GELU,
                RECIPE.init(),
                RECIPE.learningRate(),
                RECIPE.beta1(),
                RECIPE.beta2(),
                RECIPE.epsilon(),
                RECIPE.weightDecay(),
                RECIPE.batchSize(),
                RECIPE.normalization());
        assertEquals(TrainerKind.SAMEDIFF, TrainerKind.defaultFor(gelu), "the kernel has no GELU");
        assertEquals(TrainerKind.SAMEDIFF, TrainerKind.orDefault(TrainerKind.SAMEDIFF, RECIPE));
    }

    @Test
    void shouldRestoreEachStateWithTheTrainerThatSavedIt(@TempDir Path tmp) {
        long[] seeds = {5, 6};
        float[][] init = {
            ModelSeeds.initialWeights(Architectures.CNN_S, RECIPE.init(), 5),
            ModelSeeds.initialWeights(Architectures.CNN_S, RECIPE.init(), 6)
        };
        ImageSet train = Datasets.load("fashion-mnist", null).train().head(40);
        for (TrainerKind kind : TrainerKind.values()) {
            PopulationTraining t = kind.fromWeights(RECIPE, seeds, init, 0, 2);
            t.trainEpoch(train, StepListener.NONE);
            Path state = tmp.resolve("state-" + kind.id());
            t.saveState(state);
            assertEquals(kind, TrainerKind.ofState(state));
            PopulationTraining back = TrainerKind.restore(RECIPE, seeds, 1, state, 1);
            Class<?> expected = kind == TrainerKind.KERNEL ? KernelPopulationTrainer.class : PopulationTrainer.class;
            assertEquals(expected, back.getClass(), "restored by the trainer that saved it");
            assertEquals(1, back.epochsDone());
            for (int m = 0; m < seeds.length; m++) {
                assertArrayEquals(t.weights()[m], back.weights()[m]);
            }
        }
    }
}
