package io.hyperrep.zoo.generate;

import io.hyperrep.core.sample.Samplers;
import io.hyperrep.ml.gan.GanSamplerFactory;

/**
 * The sampling methods every entry point offers (service settings, HTTP, topic, CLI): one registry, so
 * a method name means the same everywhere. The pure-Java samplers plus {@code gan} from the ML module.
 */
public final class SamplerRegistry {

    private SamplerRegistry() {}

    public static Samplers all() {
        return GanSamplerFactory.registry();
    }
}
