package io.hyperrep.core.sample;

/**
 * A sampler factory with kernel bandwidths that a factor can widen or narrow ({@code kde}, {@code kde-joint}):
 * the knob between samples that stay next to their anchors (small factor, near-copies) and samples that
 * wander away from them (large factor, new but less accurate models). {@link Samplers#withBandwidthScale}
 * applies it by method name.
 */
public interface BandwidthScalable extends LatentSamplerFactory {

    /** The same sampler with every bandwidth its rule chooses multiplied by {@code scale}. */
    LatentSamplerFactory withBandwidthScale(double scale);

    /** {@code scale} if it is a positive finite number; IllegalArgumentException otherwise. */
    static double requireValid(double scale) {
        if (!(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("bandwidth scale must be a positive finite number, got " + scale);
        }
        return scale;
    }
}
