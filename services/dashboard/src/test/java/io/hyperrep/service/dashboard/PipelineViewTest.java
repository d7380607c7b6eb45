package io.hyperrep.service.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.PipelineEvents.TrainingProgress;
import io.hyperrep.events.Snapshot;
import io.hyperrep.events.Weights;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PipelineViewTest {

    static final String T0 = "2026-11-28T10:00:00Z";

    static TrainingProgress progress(String job, String phase, int epoch, double train, double val) {
        return new TrainingProgress(
                job, "z", "worker-1", TrainingProgress.Phase.ofWire(phase), epoch, 5, train, val, 0.5, 10, null, T0);
    }

    static EvaluatedModel evaluated(String version, String method, double acc, double novelty) {
        return evaluated(version, method, acc, novelty, 0.4, null, null);
    }

    static EvaluatedModel evaluated(
            String version, String method, double acc, double novelty, double iou, Double anchors, Double zoo) {
        return new EvaluatedModel(
                "s-" + acc, "z", version, method, acc, 0.5, 1.0, novelty, iou, List.of(), "ev", T0, anchors, zoo);
    }

    @Test
    void shouldKeepEachJobsLatestPhaseAndOneCurvePointPerEpochAcrossAResume() {
        PipelineView v = new PipelineView();
        v.progress(progress("j1", "started", 0, Double.NaN, Double.NaN));
        v.progress(progress("j1", "epoch", 1, 2.0, 2.5));
        v.progress(progress("j1", "epoch", 2, 1.5, 2.0));
        v.progress(progress("j1", "resumed", 1, Double.NaN, Double.NaN)); // another worker lost epoch 2
        v.progress(progress("j1", "epoch", 2, 1.4, 1.9));
        var job = v.state().zoos().get(0).jobs().get(0);
        assertEquals("epoch", job.phase());
        assertEquals(
                List.of(
                        new DashboardState.EpochPoint(1, 2.0, 2.5, 0.5),
                        new DashboardState.EpochPoint(2, 1.4, 1.9, 0.5)),
                job.curve());
        assertEquals(5, job.epochs());
    }

    @Test
    void shouldBinTheEvaluatedModelsOfEachVersionAndMethod() {
        PipelineView v = new PipelineView();
        v.version(new AutoencoderVersion(
                "v1", "z", "j1", "snap", null, "file:/a", "a".repeat(64), "cnn-s", 30, 0.9, 0.2, T0, null));
        for (int i = 0; i < 3; i++) {
            v.generated(new GeneratedModel(
                    "g" + i,
                    "z",
                    "v1",
                    "snap",
                    "kde",
                    Map.of(),
                    1,
                    i,
                    "cnn-s",
                    "h",
                    Weights.of(new float[] {1}),
                    T0,
                    null,
                    null,
                    null));
        }
        v.evaluated(evaluated("v1", "kde", 0.81, 1.2));
        v.evaluated(evaluated("v1", "kde", 0.83, Double.NaN)); // novelty not computed
        v.evaluated(evaluated("v1", "kde", 1.0, 0.8)); // the top edge lands in the last bin
        v.evaluated(evaluated("v1", "uniform", 0.1, 1.0));
        var pops = v.state().zoos().get(0).populations();
        assertEquals(
                List.of("kde", "uniform"),
                pops.stream().map(DashboardState.PopulationInfo::method).toList());
        var kde = pops.get(0);
        assertEquals(3, kde.generated());
        assertEquals(3, kde.evaluated());
        assertEquals((0.81 + 0.83 + 1.0) / 3, kde.meanAccuracy(), 1e-12);
        assertEquals(1.0, kde.bestAccuracy());
        assertEquals(1.0, kde.meanNovelty(), 1e-12); // (1.2 + 0.8) / 2, the NaN left out
        long[] expected = new long[PipelineView.BINS];
        expected[16] = 2; // 0.81 and 0.83 in [0.80, 0.85)
        expected[19] = 1;
        assertEquals(java.util.Arrays.stream(expected).boxed().toList(), kde.histogram());
        assertEquals(0, pops.get(1).generated());
    }

    @Test
    void shouldCarryEachPopulationsReferencesAndItsMeanAsAFractionOfTheAnchors() {
        PipelineView v = new PipelineView();
        v.evaluated(evaluated("v1", "kde", 0.80, 1.2, 0.5, 0.86, 0.85));
        v.evaluated(evaluated("v1", "kde", 0.84, 1.0, 0.7, 0.86, 0.85));
        v.evaluated(evaluated("v1", "kde", 0.82, 0.8, 0.6, null, null)); // an evaluation from before the references
        v.evaluated(evaluated("v1", "uniform", 0.30, 2.0, 0.2, null, null));
        var pops = v.state().zoos().get(0).populations();
        var kde = pops.get(0);
        assertEquals(0.86, kde.anchorMeanAccuracy(), 1e-12);
        assertEquals(0.85, kde.zooMeanAccuracy(), 1e-12);
        assertEquals(0.82, kde.meanAccuracy(), 1e-12);
        assertEquals(0.82 / 0.86, kde.meanOfAnchors(), 1e-12);
        assertEquals(1.0, kde.meanNovelty(), 1e-12);
        assertEquals(0.6, kde.meanMaxErrorIoU(), 1e-12);
        var uniform = pops.get(1);
        assertNull(uniform.anchorMeanAccuracy(), "no evaluation carried one");
        assertNull(uniform.zooMeanAccuracy());
        assertNull(uniform.meanOfAnchors());
    }

    @Test
    void shouldAverageReferencesThatDifferWithinAPopulation() {
        PipelineView v = new PipelineView();
        v.evaluated(evaluated("v1", "kde", 0.80, 1.0, 0.5, 0.84, 0.85));
        v.evaluated(evaluated("v1", "kde", 0.80, 1.0, 0.5, 0.88, 0.87)); // e.g. re-evaluated with more test images
        var kde = v.state().zoos().get(0).populations().get(0);
        assertEquals(0.86, kde.anchorMeanAccuracy(), 1e-12);
        assertEquals(0.86, kde.zooMeanAccuracy(), 1e-12);
        assertEquals(0.80 / 0.86, kde.meanOfAnchors(), 1e-12);
    }

    @Test
    void shouldBoundWhatItKeeps() {
        PipelineView v = new PipelineView();
        for (int j = 0; j < PipelineView.JOBS_PER_ZOO + 3; j++) {
            v.progress(progress("j" + j, "started", 0, Double.NaN, Double.NaN));
        }
        for (int i = 0; i < PipelineView.DEAD_LETTERS + 10; i++) {
            v.deadLetter(
                    "hyperrep.checkpoints",
                    "k" + i,
                    i % 2 == 0 ? "NOT_JSON" : null,
                    "bad",
                    Instant.parse(T0).plusSeconds(i));
        }
        for (int i = 0; i < PipelineView.POPULATION_VERSIONS + 2; i++) {
            v.evaluated(evaluated("v" + i, "kde", 0.5, 1));
        }
        var s = v.state();
        var jobs = s.zoos().get(0).jobs();
        assertEquals(PipelineView.JOBS_PER_ZOO, jobs.size());
        assertEquals(
                "j" + (PipelineView.JOBS_PER_ZOO + 2), jobs.get(jobs.size() - 1).jobId(), "the most recent job last");
        assertEquals(PipelineView.DEAD_LETTERS, s.deadLetters().size());
        assertEquals(
                "k" + (PipelineView.DEAD_LETTERS + 9), s.deadLetters().get(0).key(), "newest first");
        assertEquals(
                Map.of("hyperrep.checkpoints NOT_JSON", 30L, "hyperrep.checkpoints UNKNOWN", 30L),
                s.deadLetterCounts());
        assertEquals(
                PipelineView.POPULATION_VERSIONS, s.zoos().get(0).populations().size());
        assertEquals(
                Instant.parse(T0).plusSeconds(PipelineView.DEAD_LETTERS + 9).toString(), s.updated());
    }

    @Test
    void shouldWriteValidJsonWithNullsWhereValuesAreNotKnownYet() throws Exception {
        PipelineView v = new PipelineView();
        v.snapshot(new Snapshot(
                "snap-1",
                "z",
                "cnn-s",
                "hyperrep.dataset",
                new TreeMap<>(Map.of(0, 10L)),
                10,
                5,
                new TreeMap<>(Map.of(1, 5, 2, 5)),
                "models",
                Instant.parse(T0)));
        v.progress(progress("j1", "started", 0, Double.NaN, Double.NaN));
        v.progress(progress("j1", "epoch", 1, Double.NaN, 1.0));
        v.version(new AutoencoderVersion(
                "v1",
                "z",
                "j1",
                "snap-1",
                null,
                "file:/a",
                "a".repeat(64),
                "cnn-s",
                1,
                Double.NaN,
                Double.NaN,
                T0,
                null));
        v.evaluated(evaluated("v1", "kde", 0.8, Double.NaN, Double.NaN, null, 0.85));
        String text = new ObjectMapper().writeValueAsString(v.state());
        assertFalse(text.contains("NaN"), text);
        JsonNode zoo = new ObjectMapper().readTree(text).get("zoos").get(0);
        assertEquals("snap-1", zoo.get("lastSnapshot").get("id").asText());
        assertEquals(
                List.of(1, 2),
                new ObjectMapper().convertValue(zoo.get("lastSnapshot").get("epochs"), List.class));
        assertEquals(
                1.0,
                zoo.get("jobs").get(0).get("curve").get(0).get("validationLoss").asDouble());
        assertEquals(
                "null",
                zoo.get("jobs").get(0).get("curve").get(0).get("trainLoss").toString());
        assertEquals("null", zoo.get("versions").get(0).get("r2").toString());
        assertNull(v.state().zoos().get(0).versions().get(0).validationLoss());
        JsonNode kde = zoo.get("populations").get(0);
        assertEquals("null", kde.get("anchorMeanAccuracy").toString());
        assertEquals("null", kde.get("meanOfAnchors").toString());
        assertEquals("null", kde.get("meanNovelty").toString());
        assertEquals(0.85, kde.get("zooMeanAccuracy").asDouble());
    }
}
