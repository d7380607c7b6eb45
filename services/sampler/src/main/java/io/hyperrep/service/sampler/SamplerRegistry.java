package io.hyperrep.service.sampler;

import io.hyperrep.core.sample.Samplers;

/** The sampling methods every entry point offers (service, HTTP, topic, CLI): one registry, so a method name means the same everywhere. */
final class SamplerRegistry {

    private SamplerRegistry() {
    }

    static Samplers all() {
        return Samplers.builtIn();
    }
}
