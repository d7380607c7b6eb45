package io.hyperrep.ml.gan;

import io.hyperrep.core.sample.LineageParameters;
import java.util.Map;

/**
 * How a GAN training ended: both losses on a few fresh batches after the last step. For reference,
 * at the logistic GAN's equilibrium (D outputs 1/2 everywhere) both are ln 2 = 0.693; a discriminator
 * loss far below that with a generator loss far above means the discriminator won and the samples
 * are poor.
 *
 * @param steps              simultaneous updates of both players
 * @param discriminatorLoss  discriminator loss per row, real and generated rows alike (label-smoothed, standardised data)
 * @param generatorLoss      non-saturating generator loss per generated row
 */
public record GanTrainingSummary(int steps, double discriminatorLoss, double generatorLoss) {

    public Map<String, Object> asMap() {
        return LineageParameters.empty()
                .put("trainedSteps", steps)
                .put("finalDiscriminatorLoss", discriminatorLoss)
                .put("finalGeneratorLoss", generatorLoss)
                .toMap();
    }
}
