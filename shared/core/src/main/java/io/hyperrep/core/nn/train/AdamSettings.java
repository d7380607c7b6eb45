package io.hyperrep.core.nn.train;

import io.hyperrep.core.zoo.ZooRecipe;

/**
 * Adam as PyTorch's {@code torch.optim.Adam}/{@code AdamW}: bias-corrected moments, epsilon added after the
 * square root of the corrected second moment.
 *
 * @param weightDecay L2 weight decay; coupled (added to the gradient, PyTorch's Adam and the zoo recipes)
 *                    unless {@code decoupled}
 * @param decoupled   AdamW: weights shrink by {@code lr * weightDecay} before the Adam step, the gradient is untouched
 */
public record AdamSettings(
        double learningRate, double beta1, double beta2, double epsilon, double weightDecay, boolean decoupled) {

    public AdamSettings {
        if (!(learningRate > 0)
                || !(beta1 >= 0 && beta1 < 1)
                || !(beta2 >= 0 && beta2 < 1)
                || !(epsilon > 0)
                || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("invalid Adam settings: lr " + learningRate + ", betas " + beta1 + "/"
                    + beta2 + ", eps " + epsilon + ", weight decay " + weightDecay);
        }
    }

    /** The recipe's optimiser: Adam with coupled weight decay. */
    public static AdamSettings of(ZooRecipe recipe) {
        return new AdamSettings(
                recipe.learningRate(), recipe.beta1(), recipe.beta2(), recipe.epsilon(), recipe.weightDecay(), false);
    }

    /** The same with decoupled weight decay (AdamW). */
    public AdamSettings withDecoupledWeightDecay(double decay) {
        return new AdamSettings(learningRate, beta1, beta2, epsilon, decay, true);
    }
}
