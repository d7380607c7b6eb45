package io.hyperrep.zoo.eval;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.zoo.ZooSpec;
import java.util.ArrayList;
import java.util.List;

/** A zoo of CNN-s checkpoints made without training: initial weights drifting with the epoch, accuracy rising with the seed. */
final class SyntheticZoo {

    static final Architecture ARCH = Architectures.CNN_S;

    private SyntheticZoo() {}

    static ZooSpec spec(int models) {
        return new ZooSpec(
                "synthetic", ZooRecipe.fashionMnistDefault(), models, 3, 1, models, ZooSpec.parseEpochs("0-3"), 0);
    }

    static List<Checkpoint> checkpoints(ZooSpec spec) {
        List<Checkpoint> out = new ArrayList<>();
        for (int m = 0; m < spec.models(); m++) {
            float[] w0 = ModelSeeds.initialWeights(ARCH, spec.recipe().init(), spec.seed(m));
            for (int e = 0; e <= spec.epochs(); e++) {
                float[] w = w0.clone();
                for (int j = 0; j < w.length; j++) {
                    w[j] += 0.01f * e;
                }
                double acc = 0.5 + 0.01 * m + 0.02 * e;
                out.add(new Checkpoint(
                        spec.zooId(),
                        ZooSpec.modelId(m),
                        spec.seed(m),
                        e,
                        ARCH.id(),
                        ARCH.layoutHash(),
                        new CheckpointMetrics(0.5, acc, acc, acc),
                        w));
            }
        }
        return out;
    }

    static ZooReference reference(int models) {
        ZooSpec spec = spec(models);
        return ZooReference.of(spec, checkpoints(spec), 1, 3);
    }
}
