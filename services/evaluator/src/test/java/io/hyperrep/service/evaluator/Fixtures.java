package io.hyperrep.service.evaluator;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.Weights;
import io.hyperrep.testkit.TestZoo;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/** Small zoos and generated models for the evaluator's tests. */
final class Fixtures {

    static final ZooRecipe RECIPE = ZooRecipe.fashionMnistDefault();
    private static ImageDataset data;

    private Fixtures() {}

    static synchronized ImageDataset data() {
        if (data == null) {
            data = Datasets.load("fashion-mnist", null);
        }
        return data;
    }

    /** Initial weights of model m (kaiming-uniform, as the zoo), moved a little per epoch. */
    static float[] weights(int model, int epoch) {
        float[] w = ModelSeeds.initialWeights(Architectures.CNN_S, RECIPE.init(), 1000 + model);
        Random r = new Random(model * 31L + epoch);
        for (int i = 0; i < w.length; i++) {
            w[i] += (float) (r.nextGaussian() * 0.01 * epoch);
        }
        return w;
    }

    /** {@code models} models x epochs 1..{@code epochs} of zoo {@code zooId}, with {@link #weights}. */
    static List<Checkpoint> zoo(String zooId, int models, int epochs) {
        return TestZoo.checkpoints(zooId, 0, models, epochs, Fixtures::weights);
    }

    /** A generated model with these weights and lineage pointing at {@code snapshotId}. */
    static GeneratedModel generated(String sampleId, String zooId, String snapshotId, float[] w) {
        return new GeneratedModel(
                sampleId,
                zooId,
                "ae-test",
                snapshotId,
                "kde",
                Map.of("anchorCount", "3"),
                1,
                0,
                "cnn-s",
                Architectures.CNN_S.layoutHash(),
                Weights.of(w),
                "2026-01-01T00:00:00Z",
                null,
                null,
                null);
    }

    /** A copy of {@code g} with what {@code change} sets changed; the lineage fields start empty. */
    static GeneratedModel copyOf(GeneratedModel g, Consumer<ModelCopy> change) {
        ModelCopy c = new ModelCopy(g);
        change.accept(c);
        return new GeneratedModel(
                c.sampleId,
                g.zooId(),
                g.versionId(),
                c.snapshotId,
                g.method(),
                c.samplerParameters,
                g.seed(),
                g.index(),
                c.arch,
                c.layoutHash,
                c.weights,
                g.time(),
                null,
                null,
                c.epochWindow);
    }

    /** The fields of a generated model that tests change, as in the model copied until set. */
    static final class ModelCopy {
        String sampleId;
        String snapshotId;
        Map<String, String> samplerParameters;
        String arch;
        String layoutHash;
        Weights weights;
        Integer epochWindow;

        private ModelCopy(GeneratedModel g) {
            sampleId = g.sampleId();
            snapshotId = g.snapshotId();
            samplerParameters = g.samplerParameters();
            arch = g.arch();
            layoutHash = g.layoutHash();
            weights = g.weights();
        }
    }

    /** {@code w} plus Gaussian noise of standard deviation {@code sigma}. */
    static float[] noisy(float[] w, double sigma, long seed) {
        Random r = new Random(seed);
        float[] out = w.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) (r.nextGaussian() * sigma);
        }
        return out;
    }
}
