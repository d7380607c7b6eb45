package io.hyperrep.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.service.runtime.Settings;
import io.hyperrep.testkit.KafkaBootstrap;
import io.hyperrep.testkit.Promtool;
import io.hyperrep.testkit.RunningService;
import io.hyperrep.testkit.Scrape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service started alone against the real broker, as {@code serve SERVICE} runs it: its
 * {@code /metrics}, scraped as Prometheus scrapes it, passes {@code promtool check metrics} for every
 * {@code hyperrep_*} meter (help text, names, suffixes). {@link LoopIT} checks the same after a whole
 * loop, when the meters that appear only on activity exist too.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MetricsExpositionIT {

    /** Meters each service registers at start, so the check cannot pass on a scrape that lacks them. */
    private static final Map<String, List<String>> REGISTERED_AT_START = Map.of(
            "ingest",
                    List.of(
                            "hyperrep_ingest_checkpoints_total",
                            "hyperrep_ingest_dataset_checkpoints",
                            "hyperrep_ingest_sole_member"),
            "trainer",
                    List.of(
                            "hyperrep_trainer_busy",
                            "hyperrep_trainer_loss",
                            "hyperrep_trainer_r2",
                            "hyperrep_trainer_epoch_current",
                            "hyperrep_trainer_jobs_total"),
            "sampler", List.of("hyperrep_sampler_generated_total"),
            "evaluator",
                    List.of(
                            "hyperrep_evaluator_partitions",
                            "hyperrep_evaluator_known",
                            "hyperrep_evaluator_skipped_total",
                            "hyperrep_evaluator_rejected_total"),
            "dashboard", List.of("hyperrep_dashboard_unreadable_total"),
            "registry", List.of("hyperrep_registry_unreadable_total", "hyperrep_registry_models"));

    static Stream<String> services() {
        return ServiceCatalog.names().stream();
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldExposeMetersThatPromtoolAccepts(String service, @KafkaBootstrap String bootstrap, @TempDir Path tmp)
            throws Exception {
        Promtool promtool = Promtool.require();
        ServeCommand.Running running = ServeCommand.start(
                Settings.empty().with(settings(bootstrap, tmp), "test"), List.of(service), "metrics-" + service);
        try (RunningService served = RunningService.at(running.port(), running::stop)) {
            served.awaitReady();
            Scrape scrape = served.metrics();
            for (String meter : REGISTERED_AT_START.get(service)) {
                assertTrue(scrape.has(meter), service + " exposes " + meter);
            }
            assertEquals(
                    List.of(),
                    promtool.metricProblems(tmp, scrape.text(), "hyperrep_"),
                    "promtool check metrics on " + service + "'s /metrics (" + promtool.version() + ")");
        }
    }

    /** Tiny trainer and sampler settings: a fresh group reads its topics from the start, maybe other tests' jobs. */
    private static Map<String, Object> settings(String bootstrap, Path tmp) throws Exception {
        Map<String, Object> s = TinyPipeline.settings(
                bootstrap, tmp, "metrics-" + UUID.randomUUID().toString().substring(0, 8));
        s.put("trainer.epochs", 1);
        s.put("sampler.count", 1);
        s.put("sampler.methods", "uniform");
        s.put("evaluator.test.images", 100);
        return s;
    }
}
