package io.hyperrep.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScrapeTest {

    private static final String TEXT = """
            # HELP hyperrep_ingest_checkpoints_total checkpoints seen
            # TYPE hyperrep_ingest_checkpoints_total counter
            hyperrep_ingest_checkpoints_total{outcome="accepted"} 12.0
            hyperrep_ingest_checkpoints_total{outcome="rejected",reason="NOT_JSON"} 2.0
            hyperrep_ingest_checkpoints_total{outcome="rejected",reason="DUPLICATE"} 3.0
            hyperrep_ingest_sole_member 1.0
            hyperrep_ingest_sole_member_ratio 0.5
            hyperrep_evaluator_accuracy_bucket{method="kde",le="+Inf"} 4.0
            hyperrep_trainer_loss NaN
            """;

    private final Scrape scrape = new Scrape(TEXT);

    @Test
    void shouldReadASeriesWrittenExactlyAsInTheScrape() {
        assertEquals(12.0, scrape.value("hyperrep_ingest_checkpoints_total{outcome=\"accepted\"}"));
        assertEquals(1.0, scrape.value("hyperrep_ingest_sole_member"), "not the longer name that starts the same");
        assertEquals(4.0, scrape.value("hyperrep_evaluator_accuracy_bucket{method=\"kde\",le=\"+Inf\"}"));
        assertTrue(Double.isNaN(scrape.value("hyperrep_trainer_loss")));
    }

    @Test
    void shouldTellAnAbsentSeriesApart() {
        assertTrue(
                Double.isNaN(scrape.value("hyperrep_ingest_checkpoints_total")),
                "a labelled meter has no unlabelled series");
        assertEquals(0.0, scrape.valueOr("hyperrep_sampler_generated_total", 0));
        assertFalse(scrape.has("hyperrep_ingest_checkpoints"));
        assertTrue(scrape.has("hyperrep_ingest_checkpoints_total"));
    }

    @Test
    void shouldSumTheSamplesOfAMeterWhoseLabelsMatch() {
        assertEquals(5.0, scrape.sum("hyperrep_ingest_checkpoints_total", "outcome=\"rejected\""));
        assertEquals(
                List.of(1.0),
                scrape.samples("hyperrep_ingest_sole_member").stream()
                        .map(Scrape.Sample::value)
                        .toList());
    }
}
