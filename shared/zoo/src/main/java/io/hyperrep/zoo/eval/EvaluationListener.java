package io.hyperrep.zoo.eval;

/**
 * Progress of an evaluation. Work is counted in model-epochs of fine-tuning, an evaluation on the
 * test set counting as the fraction of an epoch it costs. Called from worker threads.
 */
public interface EvaluationListener {

    /** A new stage begins with {@code total} units of work. */
    void stage(String name, double total);

    /** {@code done} units of the current stage are finished. */
    void progress(double done, String note);

    EvaluationListener NONE = new EvaluationListener() {
        @Override
        public void stage(String name, double total) {}

        @Override
        public void progress(double done, String note) {}
    };
}
