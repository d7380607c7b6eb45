package io.hyperrep.service.trainer;

import io.hyperrep.ml.hyper.EpochResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The trainer's {@code hyperrep_trainer_*} meters. */
final class TrainerMetrics {

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
        step = Timer.builder("hyperrep.trainer.step").description("Autoencoder optimisation step").register(registry);
        epoch = Timer.builder("hyperrep.trainer.epoch").description("Autoencoder epoch incl. validation").register(registry);
        registry.gauge("hyperrep.trainer.busy", busy, AtomicLong::doubleValue);
        registry.gauge("hyperrep.trainer.loss", io.micrometer.core.instrument.Tags.of("split", "train"), this, m -> m.trainLoss);
        registry.gauge("hyperrep.trainer.loss", io.micrometer.core.instrument.Tags.of("split", "validation"), this, m -> m.validationLoss);
        registry.gauge("hyperrep.trainer.r2", this, m -> m.r2);
        registry.gauge("hyperrep.trainer.epoch.current", this, m -> m.epochNumber);
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
        registry.counter("hyperrep.trainer.jobs", "outcome", outcome).increment();
    }
}
