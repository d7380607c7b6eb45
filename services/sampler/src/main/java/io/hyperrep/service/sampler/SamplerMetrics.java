package io.hyperrep.service.sampler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;

/** The sampler's {@code hyperrep_sampler_*} meters (base units, low-cardinality labels). */
final class SamplerMetrics {

    private final MeterRegistry registry;

    SamplerMetrics(MeterRegistry registry, Collection<String> methods) {
        this.registry = registry;
        methods.forEach(m -> generated(m).increment(0));
    }

    private Counter generated(String method) {
        return Counter.builder("hyperrep.sampler.generated")
                .description("Generated models published, by sampling method")
                .tag("method", method)
                .register(registry);
    }

    void generated(String method, int n) {
        generated(method).increment(n);
    }

    /** Samples dropped (non-finite weights), requests dead-lettered, versions that could not be used, by reason. */
    void rejected(String reason, int n) {
        Counter.builder("hyperrep.sampler.rejected")
                .description("Samples, requests and versions the sampler could not use, by reason")
                .tag("reason", reason)
                .register(registry)
                .increment(n);
    }

    /** One generation run (fit, sample, decode; the first run of a version also loads and encodes). */
    void generation(String method, Duration d) {
        Timer.builder("hyperrep.sampler.generation")
                .description("Fitting a sampler, drawing and decoding one batch of models")
                .tag("method", method)
                .publishPercentiles(0.5, 0.99)
                .register(registry)
                .record(d);
    }
}
