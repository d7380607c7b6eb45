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

    /** A copy of {@code g} to change a field or two of; the lineage fields start empty. */
    static ModelCopy copyOf(GeneratedModel g) {
        return new ModelCopy(g);
    }

    /** Builds a generated model from another, field by field. */
    static final class ModelCopy {
        private final GeneratedModel g;
        private String sampleId;
        private String snapshotId;
        private Map<String, String> samplerParameters;
        private String arch;
        private String layoutHash;
        private Weights weights;
        private Integer epochWindow;

        private ModelCopy(GeneratedModel g) {
            this.g = g;
            this.sampleId = g.sampleId();
            this.snapshotId = g.snapshotId();
            this.samplerParameters = g.samplerParameters();
            this.arch = g.arch();
            this.layoutHash = g.layoutHash();
            this.weights = g.weights();
        }

        ModelCopy sampleId(String v) {
            sampleId = v;
            return this;
        }

        ModelCopy snapshotId(String v) {
            snapshotId = v;
            return this;
        }

        ModelCopy samplerParameters(Map<String, String> v) {
            samplerParameters = v;
            return this;
        }

        ModelCopy arch(String v) {
            arch = v;
            return this;
        }

        ModelCopy layoutHash(String v) {
            layoutHash = v;
            return this;
        }

        ModelCopy weights(Weights v) {
            weights = v;
            return this;
        }

        ModelCopy epochWindow(Integer v) {
            epochWindow = v;
            return this;
        }

        GeneratedModel build() {
            return new GeneratedModel(
                    sampleId,
                    g.zooId(),
                    g.versionId(),
                    snapshotId,
                    g.method(),
                    samplerParameters,
                    g.seed(),
                    g.index(),
                    arch,
                    layoutHash,
                    weights,
                    g.time(),
                    null,
                    null,
                    epochWindow);
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
