package io.hyperrep.ml.cnn;

/** Told after every optimisation step of an epoch; may ask the training to stop early. */
@FunctionalInterface
public interface StepListener {

    /**
     * @param step  steps done in this epoch (1-based)
     * @param steps steps in this epoch
     * @param loss  summed loss of the population at this step (sum over models of mean cross-entropy)
     */
    void stepDone(int step, int steps, double loss);

    StepListener NONE = (step, steps, loss) -> {};
}
