package io.hyperrep.service.evaluator;

import io.hyperrep.events.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The evaluator's {@code hyperrep_evaluator_*} meters (base units, low-cardinality labels). */
final class EvaluatorMetrics {

    /** Bucket bounds for accuracies: fractions, where the default (1..∞) buckets would put everything in one. */
    private static final double[] ACCURACY_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0
    };
    /** Relative novelty around 1 (as far from the training models as they are from each other). */
    private static final double[] NOVELTY_BUCKETS = {0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2, 3, 5, 10};

    private final MeterRegistry registry;
    private final Counter skipped;
    private final Timer evaluation;
    private final AtomicInteger partitions = new AtomicInteger();

    EvaluatorMetrics(MeterRegistry registry, Supplier<Number> known) {
        this.registry = registry;
        skipped = Counter.builder("hyperrep.evaluator.skipped")
                .description("Generated models already evaluated (redeliveries, duplicates)")
                .register(registry);
        evaluation = Timer.builder("hyperrep.evaluator.evaluation")
                .description("Evaluating the models of one poll")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder("hyperrep.evaluator.partitions", partitions, AtomicInteger::doubleValue)
                .description("Partitions of the generated-models topic assigned to this member")
                .register(registry);
        Gauge.builder("hyperrep.evaluator.known", known, k -> k.get().doubleValue())
                .description("Sample ids this member knows as evaluated (skipped when delivered again)")
                .strongReference(true) // the supplier is a method reference nothing else holds
                .register(registry);
        // At 0 from the start, so the first rejection is a rise that increase() and the alert see.
        for (RejectReason r : RejectReason.values()) {
            rejectedCounter(r.name());
        }
        rejectedCounter(BatchEvaluation.NO_REFERENCE);
    }

    void evaluated(String method, double accuracy, double relativeNovelty) {
        Counter.builder("hyperrep.evaluator.evaluated")
                .description("Generated models evaluated and published")
                .tag("method", method)
                .register(registry)
                .increment();
        DistributionSummary.builder("hyperrep.evaluator.accuracy")
                .description("Epoch-0 test accuracy of generated models")
                .tag("method", method)
                .publishPercentileHistogram()
                .serviceLevelObjectives(ACCURACY_BUCKETS)
                .maximumExpectedValue(1.0)
                .register(registry)
                .record(accuracy);
        DistributionSummary.builder("hyperrep.evaluator.novelty")
                .description("Nearest training distance relative to the training models' median")
                .tag("method", method)
                .publishPercentileHistogram()
                .serviceLevelObjectives(NOVELTY_BUCKETS)
                .maximumExpectedValue(10.0)
                .register(registry)
                .record(relativeNovelty);
    }

    void skipped() {
        skipped.increment();
    }

    void rejected(String reason) {
        rejectedCounter(reason).increment();
    }

    private Counter rejectedCounter(String reason) {
        return Counter.builder("hyperrep.evaluator.rejected")
                .description("Generated models dead-lettered, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    void evaluation(Duration d) {
        evaluation.record(d);
    }

    void partitions(int n) {
        partitions.set(n);
    }
}
