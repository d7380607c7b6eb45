package io.hyperrep.core.nn.train;

/** Told after every optimisation step of an epoch, in step order, on the thread that runs the epoch; may throw to stop it. */
@FunctionalInterface
public interface StepObserver {

    /**
     * @param step  steps done in this epoch (1-based)
     * @param steps steps in this epoch
     * @param loss  summed loss of the population at this step (sum over models of their batch-mean cross-entropy)
     */
    void stepDone(int step, int steps, double loss);
}
