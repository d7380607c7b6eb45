package io.hyperrep.ml.gan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a GAN training ended. The losses are means over the last tenth of the steps. For reference,
 * at the logistic GAN's equilibrium (D outputs 1/2 everywhere) the generator loss is ln 2 = 0.693
 * and the discriminator loss is 2 ln 2 = 1.386; a discriminator loss far below that with a rising
 * generator loss means the discriminator won and the samples are poor.
 *
 * @param steps              alternating steps trained
 * @param discriminatorLoss  mean discriminator loss at the end (label-smoothed, standardized data)
 * @param generatorLoss      mean non-saturating generator loss at the end
 */
public record GanTrainingSummary(int steps, double discriminatorLoss, double generatorLoss) {

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trainedSteps", steps);
        m.put("finalDiscriminatorLoss", discriminatorLoss);
        m.put("finalGeneratorLoss", generatorLoss);
        return m;
    }
}
