package io.hyperrep.service.ingest;

import io.hyperrep.events.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** Ingest's {@code hyperrep_ingest_*} meters (base units, low-cardinality labels). */
final class IngestMetrics {

    private final Counter accepted;
    private final Counter unchanged;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Timer latency;
    private final MeterRegistry registry;
    private final DistributionSummary snapshotSize;

    IngestMetrics(MeterRegistry registry, Supplier<Number> datasetSize, java.util.function.BooleanSupplier soleMember) {
        this.registry = registry;
        accepted = outcome("accepted", "none");
        unchanged = outcome("unchanged", "none");
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, outcome("rejected", r.name()));
        }
        latency = Timer.builder("hyperrep.ingest.latency")
                .description("Record timestamp to dataset write acknowledged")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .register(registry);
        snapshotSize = DistributionSummary.builder("hyperrep.ingest.snapshot.checkpoints")
                .description("Checkpoints in each snapshot cut")
                .register(registry);
        Gauge.builder("hyperrep.ingest.dataset.checkpoints", datasetSize, s -> s.get()
                        .doubleValue())
                .description("Checkpoints in the dataset index")
                .strongReference(true) // the supplier is a method reference nothing else holds
                .register(registry);
        Gauge.builder("hyperrep.ingest.sole.member", soleMember, b -> b.getAsBoolean() ? 1 : 0)
                .description(
                        "1 while this instance holds every partition of its group; 0 while another ingest shares it (consumption paused)")
                .strongReference(true) // the supplier is a lambda nothing else holds
                .register(registry);
    }

    private Counter outcome(String outcome, String reason) {
        return Counter.builder("hyperrep.ingest.checkpoints")
                .description("Input checkpoints by outcome")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }

    void accepted(Duration latencySinceProduce) {
        accepted.increment();
        if (!latencySinceProduce.isNegative()) {
            latency.record(latencySinceProduce);
        }
    }

    void unchanged() {
        unchanged.increment();
    }

    void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    void snapshot(String trigger, int checkpoints) {
        Counter.builder("hyperrep.ingest.snapshots")
                .description("Snapshots cut, by what triggered them")
                .tag("trigger", trigger)
                .register(registry)
                .increment();
        snapshotSize.record(checkpoints);
    }
}
