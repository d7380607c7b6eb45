package io.hyperrep.service.trainer;

import io.hyperrep.ml.hyper.EpochResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The trainer's {@code hyperrep_trainer_*} meters. */
final class TrainerMetrics {

    /** Every outcome {@link #job} is given (docs/OPERATIONS.md explains each). */
    static final List<String> JOB_OUTCOMES =
            List.of("completed", "dead_lettered", "rejected", "retried", "stopped", "handed_over", "failed");

    private final MeterRegistry registry;
    private final Timer step;
    private final Timer epoch;
    private final AtomicLong busy = new AtomicLong();
    private volatile double trainLoss = Double.NaN;
    private volatile double validationLoss = Double.NaN;
    private volatile double r2 = Double.NaN;
    private volatile double epochNumber;

    TrainerMetrics(MeterRegistry registry) {
        this.registry = registry;
        step = Timer.builder("hyperrep.trainer.step")
                .description("Autoencoder optimisation step")
                .register(registry);
        epoch = Timer.builder("hyperrep.trainer.epoch")
                .description("Autoencoder epoch incl. validation")
                .register(registry);
        Gauge.builder("hyperrep.trainer.busy", busy, AtomicLong::doubleValue)
                .description("1 while a training job runs on this member")
                .register(registry);
        Gauge.builder("hyperrep.trainer.loss", this, m -> m.trainLoss)
                .description("Autoencoder loss of the last finished epoch, by split")
                .tag("split", "train")
                .register(registry);
        Gauge.builder("hyperrep.trainer.loss", this, m -> m.validationLoss)
                .description("Autoencoder loss of the last finished epoch, by split")
                .tag("split", "validation")
                .register(registry);
        Gauge.builder("hyperrep.trainer.r2", this, m -> m.r2)
                .description("Validation R² of the reconstructed weights in the last finished epoch")
                .register(registry);
        Gauge.builder("hyperrep.trainer.epoch.current", this, m -> m.epochNumber)
                .description("Last finished epoch of the running or last job")
                .register(registry);
        // At 0 from the start, so a member's first failed job is a rise that increase() and the alert see.
        JOB_OUTCOMES.forEach(this::jobCounter);
    }

    void busy(boolean b) {
        busy.set(b ? 1 : 0);
    }

    void step(double seconds) {
        step.record(Duration.ofNanos((long) (seconds * 1e9)));
    }

    void epoch(EpochResult e) {
        epoch.record(Duration.ofNanos((long) (e.seconds() * 1e9)));
        trainLoss = e.trainLoss();
        validationLoss = e.validationLoss();
        r2 = e.validationR2();
        epochNumber = e.epoch();
    }

    void job(String outcome) {
        jobCounter(outcome).increment();
    }

    // Kept apart (duplicates): each service's own counter (name, description, tag) on Micrometer's builder.
    private Counter jobCounter(String outcome) {
        return Counter.builder("hyperrep.trainer.jobs")
                .description("Training jobs settled by this member, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
