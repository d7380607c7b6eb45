package io.hyperrep.bench;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.zoo.ZooRecipe;
import java.nio.file.Path;

/** The default zoo recipe, its architecture and its dataset: what the zoo and eval benchmarks train and evaluate. */
record DefaultWorkload(ZooRecipe recipe, Architecture arch, ImageDataset data) {

    /** @param dataDir the dataset's directory; null for its standard location */
    static DefaultWorkload load(Path dataDir) {
        ZooRecipe recipe = ZooRecipe.fashionMnistDefault();
        return new DefaultWorkload(recipe, Architectures.byId(recipe.arch()), Datasets.load(recipe.dataset(), dataDir));
    }
}
