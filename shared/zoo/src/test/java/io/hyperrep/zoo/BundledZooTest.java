package io.hyperrep.zoo;

import java.nio.file.Path;

/** The first bundled zoo: 100 models, a seed per model, scored by the SameDiff graph. */
class BundledZooTest extends BundledZooChecks {

    @Override
    Path dir() {
        return Path.of("../../data/zoo/fashion-mnist-cnn-s");
    }
}
