package io.hyperrep.core.sample;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Sampling methods by name. {@link #builtIn()} holds the pure-Java samplers with their default
 * settings; {@link #with} adds or replaces one (e.g. {@code gan} from the ML module, or {@code kde}
 * with another bandwidth rule) and returns a new registry, so a registry never changes under a caller.
 */
public final class Samplers {

    private final Map<String, LatentSamplerFactory> factories;

    private Samplers(Map<String, LatentSamplerFactory> factories) {
        this.factories = Collections.unmodifiableMap(factories);
    }

    /** {@code uniform}, {@code kde}, {@code kde-joint}, {@code kde-faithful} and {@code neigh} with default settings. */
    public static Samplers builtIn() {
        Map<String, LatentSamplerFactory> m = new LinkedHashMap<>();
        m.put(UniformSampler.METHOD, UniformSampler.factory());
        m.put(KdeSampler.METHOD, KdeSampler.factory());
        m.put(JointKdeSampler.METHOD, JointKdeSampler.factory());
        m.put(FaithfulKdeSampler.METHOD, FaithfulKdeSampler.factory());
        m.put(NeighbourhoodSampler.METHOD, NeighbourhoodSampler.factory());
        return new Samplers(m);
    }

    /** A registry with {@code method} mapped to {@code factory} (replacing an existing mapping). */
    public Samplers with(String method, LatentSamplerFactory factory) {
        if (method == null || method.isBlank() || !method.equals(method.strip())) {
            throw new IllegalArgumentException(
                    "sampling method name must be non-blank without surrounding spaces, got '" + method + "'");
        }
        if (factory == null) {
            throw new IllegalArgumentException("sampling method '" + method + "' needs a factory");
        }
        Map<String, LatentSamplerFactory> m = new LinkedHashMap<>(factories);
        m.put(method, factory);
        return new Samplers(m);
    }

    /**
     * A registry with {@code method}'s bandwidths multiplied by {@code scale} (a scale of 1 is recorded in
     * the sampler's parameters too, so a run says which scale it used).
     *
     * @throws IllegalArgumentException for an unknown method, one without a bandwidth, or a scale that is not positive and finite
     */
    public Samplers withBandwidthScale(String method, double scale) {
        BandwidthScalable.requireValid(scale);
        if (!(factory(method) instanceof BandwidthScalable scalable)) {
            throw new IllegalArgumentException("sampling method '" + method
                    + "' has no bandwidth to scale; methods with one: " + String.join(", ", bandwidthMethods()));
        }
        return with(method, scalable.withBandwidthScale(scale));
    }

    /** The methods whose bandwidth {@link #withBandwidthScale} can scale, in registration order. */
    public Set<String> bandwidthMethods() {
        Set<String> m = new LinkedHashSet<>();
        factories.forEach((name, f) -> {
            if (f instanceof BandwidthScalable) {
                m.add(name);
            }
        });
        return Collections.unmodifiableSet(m);
    }

    /** Registered method names in registration order. */
    public Set<String> methods() {
        return factories.keySet();
    }

    public LatentSamplerFactory factory(String method) {
        LatentSamplerFactory f = factories.get(method);
        if (f == null) {
            throw new IllegalArgumentException(
                    "unknown sampling method '" + method + "'; known: " + String.join(", ", factories.keySet()));
        }
        return f;
    }

    /** Fits the sampler {@code method} to {@code anchors}. */
    public LatentSampler fit(String method, float[][] anchors, long seed) {
        return factory(method).fit(anchors, seed);
    }
}
