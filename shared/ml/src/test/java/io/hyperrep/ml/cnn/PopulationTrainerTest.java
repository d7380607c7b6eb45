package io.hyperrep.ml.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.zoo.ZooRecipe;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Population training on real Fashion-MNIST: equivalence to single runs, exact resume, and that it learns. */
class PopulationTrainerTest {

    // Kept apart (duplicates): core's LaneTrainerTest loads the same data set; the modules share no test code
    static ImageDataset data;
    static final ZooRecipe RECIPE = ZooRecipe.fashionMnistDefault();

    @BeforeAll
    static void load() {
        data = Datasets.load("fashion-mnist", null);
    }

    @Test
    void shouldTrainKModelsTogetherAsKSeparateRuns() {
        long[] seeds = {11, 12, 13};
        ImageSet train = data.train().head(200);
        PopulationTrainer together = PopulationTrainer.create(RECIPE, seeds);
        together.trainEpoch(train, 6, StepListener.NONE);
        float[][] pop = together.weights();
        for (int m = 0; m < seeds.length; m++) {
            PopulationTrainer alone = PopulationTrainer.create(RECIPE, new long[] {seeds[m]});
            alone.trainEpoch(train, 6, StepListener.NONE);
            float[] single = alone.weights()[0];
            float[] init =
                    PopulationTrainer.create(RECIPE, new long[] {seeds[m]}).weights()[0];
            double moved = 0;
            for (int i = 0; i < single.length; i++) {
                assertEquals(single[i], pop[m][i], 1e-5, "model " + m + " parameter " + i);
                moved += Math.abs(single[i] - init[i]);
            }
            assertTrue(moved > 1e-3, "training must change the weights");
        }
    }

    @Test
    void shouldResumeFromSavedStateExactly(@TempDir Path tmp) {
        long[] seeds = {21, 22};
        ImageSet train = data.train().head(100);
        PopulationTrainer straight = PopulationTrainer.create(RECIPE, seeds);
        straight.trainEpoch(train, StepListener.NONE);
        straight.trainEpoch(train, StepListener.NONE);

        PopulationTrainer first = PopulationTrainer.create(RECIPE, seeds);
        first.trainEpoch(train, StepListener.NONE);
        first.saveState(tmp.resolve("state.sd"));
        PopulationTrainer resumed = PopulationTrainer.restore(RECIPE, seeds, 1, tmp.resolve("state.sd"));
        resumed.trainEpoch(train, StepListener.NONE);
        float[][] a = straight.weights();
        float[][] b = resumed.weights();
        for (int m = 0; m < seeds.length; m++) {
            for (int i = 0; i < a[m].length; i++) {
                assertEquals(a[m][i], b[m][i], 1e-6, "model " + m + " parameter " + i);
            }
        }
    }

    @Test
    void shouldLearnFashionMnistWithTheDefaultRecipe() {
        // Guards against a silent non-training init (docs/METHOD.md §11): 400 steps of batch 10 reach ~60% (chance is
        // 10%).
        PopulationTrainer t = PopulationTrainer.create(RECIPE, new long[] {1, 2});
        t.trainEpoch(data.train(), 400, StepListener.NONE);
        Evaluation e = new PopulationEvaluator(Architectures.CNN_S, RECIPE.activation())
                .evaluate(t.weights(), data.test().head(2000), RECIPE.normalization());
        for (double acc : e.accuracy()) {
            assertTrue(acc > 0.5, "test accuracy after 400 steps: " + acc);
        }
    }
}
