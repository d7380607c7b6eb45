package io.hyperrep.ml.gan;

import io.hyperrep.core.sample.LatentSamplerFactory;
import io.hyperrep.core.sample.Samplers;
import io.hyperrep.ml.nd.Backend;
import java.util.function.Supplier;

/** Fits a {@link GanSampler} to anchor embeddings with a fixed {@link GanConfig}. */
public final class GanSamplerFactory implements LatentSamplerFactory {

    /** OpenMP threads for the GAN's ops (see {@link #onOneThread}). */
    private static final int OMP_THREADS = 1;

    private final GanConfig cfg;

    public GanSamplerFactory(GanConfig cfg) {
        if (cfg == null) {
            throw new IllegalArgumentException("the GAN configuration is missing");
        }
        this.cfg = cfg;
    }

    /**
     * The built-in samplers plus {@code gan} with {@link GanConfig#defaults()}: the registry every entry
     * point (sampler service, HTTP generation, CLI) uses, so {@code gan} is a method name everywhere.
     */
    public static Samplers registry() {
        return Samplers.builtIn().with(GanSampler.METHOD, new GanSamplerFactory(GanConfig.defaults()));
    }

    public GanConfig config() {
        return cfg;
    }

    /**
     * Standardises the anchors per dimension, trains the GAN on them with {@code seed} and returns its
     * generator. IllegalArgumentException for fewer than 2 anchors, ragged or non-finite anchors.
     */
    @Override
    public GanSampler fit(float[][] anchors, long seed) {
        validate(anchors);
        Standardizer standardizer = Standardizer.fit(anchors);
        float[][] rows = standardizer.apply(anchors);
        return onOneThread(() -> {
            try (GanTrainer trainer = new GanTrainer(cfg, rows, seed)) {
                trainer.train(cfg.steps());
                return new GanSampler(
                        cfg,
                        standardizer,
                        trainer.generator(),
                        trainer.generatorParameters(),
                        trainer.summary(),
                        seed,
                        anchors.length);
            }
        });
    }

    /**
     * Runs {@code work} with one OpenMP thread on this thread. The GAN's ops are tiny and many: on a busy
     * 2-core machine a training step took 60-400 ms with 2 OpenMP threads and 16-25 ms with one (threads
     * spinning for a core other processes hold). One thread also keeps reductions in a fixed order.
     */
    static <T> T onOneThread(Supplier<T> work) {
        int previous = Backend.ompThreadsOnThisThread(OMP_THREADS);
        try {
            return work.get();
        } finally {
            Backend.ompThreadsOnThisThread(previous);
        }
    }

    private static void validate(float[][] anchors) {
        if (anchors == null || anchors.length == 0) {
            throw new IllegalArgumentException("gan sampler needs anchor embeddings, got none");
        }
        if (anchors.length < 2) {
            throw new IllegalArgumentException(
                    "gan sampler needs at least 2 anchor embeddings to learn a distribution from, got 1");
        }
        int dim = anchors[0] == null ? 0 : anchors[0].length;
        if (dim == 0) {
            throw new IllegalArgumentException("gan sampler: anchor embeddings have no dimensions");
        }
        for (int i = 0; i < anchors.length; i++) {
            if (anchors[i] == null || anchors[i].length != dim) {
                throw new IllegalArgumentException("gan sampler: anchor " + i + " has "
                        + (anchors[i] == null ? "no" : String.valueOf(anchors[i].length)) + " dimensions, anchor 0 has "
                        + dim);
            }
            for (int j = 0; j < dim; j++) {
                if (!Float.isFinite(anchors[i][j])) {
                    throw new IllegalArgumentException(
                            "gan sampler: anchor " + i + " has a non-finite value at dimension " + j);
                }
            }
        }
    }
}
