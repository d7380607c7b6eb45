package io.hyperrep.core.sample;

import java.util.Map;

/**
 * Draws latent codes of a hyper-representation. Implementations are fitted to anchor embeddings
 * beforehand (see {@link LatentSamplerFactory}) and are deterministic: the same seed gives the same
 * codes, so every generated model can be reproduced from its lineage.
 */
public interface LatentSampler {

    /** Method name as used on the command line and in lineage, e.g. {@code kde}. */
    String method();

    /** Everything besides the seed that determines the draws (bandwidths, ranges...), for lineage. */
    Map<String, Object> parameters();

    /** {@code n} latent codes, each of the anchors' dimension. */
    float[][] sample(int n, long seed);
}
