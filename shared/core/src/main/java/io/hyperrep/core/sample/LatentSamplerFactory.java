package io.hyperrep.core.sample;

/** Fits a {@link LatentSampler} to anchor embeddings ({@code [n][latentDim]}, not modified). */
@FunctionalInterface
public interface LatentSamplerFactory {

    LatentSampler fit(float[][] anchors, long seed);
}
