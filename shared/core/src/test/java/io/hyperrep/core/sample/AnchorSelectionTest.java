package io.hyperrep.core.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.zoo.CheckpointMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnchorSelectionTest {

    private static CheckpointMetrics metrics(double val, double test) {
        return new CheckpointMetrics(0.5, 0.8, val, test);
    }

    /** Test accuracies 0.1..1.0 in shuffled order; validation accuracy in reverse ranking. */
    private static List<CheckpointMetrics> tenCheckpoints() {
        double[] test = {0.4, 0.9, 0.1, 0.7, 1.0, 0.3, 0.8, 0.2, 0.6, 0.5};
        List<CheckpointMetrics> m = new ArrayList<>();
        for (double t : test) {
            m.add(metrics(1.1 - t, t));
        }
        return m;
    }

    @Test
    void shouldKeepTopThirtyPercentByTestAccuracyInInputOrder() {
        assertArrayEquals(new int[] {1, 4, 6}, AnchorSelection.faithful().select(tenCheckpoints()));
    }

    @Test
    void shouldReadBackTheSelectionItsLineageParametersRecord() {
        for (AnchorSelection a :
                List.of(AnchorSelection.defaults(), AnchorSelection.faithful(), AnchorSelection.all())) {
            java.util.Map<String, String> recorded = new java.util.LinkedHashMap<>();
            a.parameters().forEach((k, v) -> recorded.put(k, String.valueOf(v))); // as a generated model records them
            recorded.put("anchorCount", "3");
            assertEquals(java.util.Optional.of(a), AnchorSelection.fromParameters(recorded));
        }
        assertTrue(
                AnchorSelection.fromParameters(java.util.Map.of("anchorCount", "3"))
                        .isEmpty(),
                "no selection recorded");
        assertTrue(AnchorSelection.fromParameters(null).isEmpty());
        assertThrows(
                IllegalArgumentException.class,
                () -> AnchorSelection.fromParameters(
                        java.util.Map.of("anchorMetric", "validation", "anchorTopFraction", "most")));
        assertThrows(
                IllegalArgumentException.class,
                () -> AnchorSelection.fromParameters(
                        java.util.Map.of("anchorMetric", "loss", "anchorTopFraction", "0.3")));
    }

    @Test
    void shouldRankByValidationAccuracyByDefault() {
        assertArrayEquals(new int[] {2, 5, 7}, AnchorSelection.defaults().select(tenCheckpoints()));
    }

    @Test
    void shouldKeepEveryCheckpointTiedAtTheThreshold() {
        List<CheckpointMetrics> m =
                List.of(metrics(0.5, 0.5), metrics(0.9, 0.9), metrics(0.9, 0.9), metrics(0.9, 0.9), metrics(0.1, 0.1));
        assertArrayEquals(new int[] {1, 2, 3}, new AnchorSelection(AnchorSelection.Metric.TEST, 0.2).select(m));
    }

    @Test
    void shouldChooseAsManyAsTheQuantileRuleForTheOriginalSvhnCount() {
        List<CheckpointMetrics> m = new ArrayList<>();
        for (int i = 0; i < 2896; i++) {
            double acc = ((i * 7919L) % 2896) / 2896.0;
            m.add(metrics(acc, acc));
        }
        // torch.quantile(test_acc, 0.7) with 2896 distinct values keeps 2896 - ceil(0.7 * 2895) = 869.
        assertEquals(869, AnchorSelection.faithful().select(m).length);
    }

    @Test
    void shouldKeepEverythingForAll() {
        assertEquals(10, AnchorSelection.all().select(tenCheckpoints()).length);
    }

    @Test
    void shouldPickAnchorRowsAndItems() {
        float[][] embeddings = new float[10][];
        for (int i = 0; i < 10; i++) {
            embeddings[i] = new float[] {i};
        }
        float[][] anchors = AnchorSelection.faithful().anchors(embeddings, tenCheckpoints());
        assertEquals(3, anchors.length);
        assertSame(embeddings[4], anchors[1]);
        List<String> names = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        List<CheckpointMetrics> m = tenCheckpoints();
        assertEquals(List.of("b", "e", "g"), AnchorSelection.faithful().select(names, s -> m.get(names.indexOf(s))));
    }

    @Test
    void shouldRejectBadFractionsAndInputs() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new AnchorSelection(AnchorSelection.Metric.TEST, 0));
        assertTrue(e.getMessage().contains("(0, 1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AnchorSelection(AnchorSelection.Metric.TEST, 1.01));
        assertThrows(
                IllegalArgumentException.class, () -> new AnchorSelection(AnchorSelection.Metric.TEST, Double.NaN));
        assertThrows(
                IllegalArgumentException.class, () -> AnchorSelection.defaults().select(List.of()));
        assertThrows(IllegalArgumentException.class, () -> AnchorSelection.defaults()
                .select(List.of(metrics(Double.NaN, 0.5))));
        assertThrows(IllegalArgumentException.class, () -> AnchorSelection.defaults()
                .anchors(new float[2][1], tenCheckpoints()));
    }

    /**
     * Four models, three epochs each (test accuracy; validation the same): a has three strong epochs,
     * b one, c none, d a strong first epoch.
     */
    private static final double[] PER_MODEL_ACC = {
        0.90, 0.91, 0.92, 0.50, 0.85, 0.60, 0.30, 0.40, 0.35, 0.88, 0.20, 0.10
    };

    private static final List<String> PER_MODEL_IDS =
            List.of("a", "a", "a", "b", "b", "b", "c", "c", "c", "d", "d", "d");

    private static List<CheckpointMetrics> perModelCheckpoints() {
        List<CheckpointMetrics> m = new ArrayList<>();
        for (double acc : PER_MODEL_ACC) {
            m.add(metrics(acc, acc));
        }
        return m;
    }

    @Test
    void shouldTakeOnlyEachModelsBestCheckpointAndThenTheTopModels() {
        AnchorSelection half = AnchorSelection.perModel(AnchorSelection.Metric.VALIDATION, 0.5);
        // bests: a 0.92 (2), b 0.85 (4), c 0.40 (7), d 0.88 (9); the 0.5 quantile of those is 0.865
        assertArrayEquals(new int[] {2, 9}, half.select(perModelCheckpoints(), PER_MODEL_IDS));
        // ranked over checkpoints, the same fraction gives model a's three epochs and not d
        int[] byCheckpoint =
                new AnchorSelection(AnchorSelection.Metric.VALIDATION, 2.0 / 12).select(perModelCheckpoints());
        assertArrayEquals(new int[] {1, 2}, byCheckpoint);
        assertArrayEquals(
                new int[] {2, 4, 7, 9},
                AnchorSelection.perModel(AnchorSelection.Metric.VALIDATION, 1.0)
                        .select(perModelCheckpoints(), PER_MODEL_IDS),
                "fraction 1 keeps every model's best checkpoint, one each");
    }

    @Test
    void shouldGroupByModelWhereverItsCheckpointsAreAndKeepTheFirstOfTiedEpochs() {
        List<CheckpointMetrics> m =
                List.of(metrics(0.7, 0.7), metrics(0.9, 0.9), metrics(0.7, 0.7), metrics(0.9, 0.9), metrics(0.2, 0.2));
        List<String> models = List.of("x", "y", "x", "y", "z");
        AnchorSelection all = AnchorSelection.perModel(AnchorSelection.Metric.TEST, 1.0);
        assertArrayEquals(new int[] {0, 1, 4}, all.select(m, models));
        List<String> items = List.of("x1", "y1", "x2", "y2", "z1");
        assertEquals(
                List.of("y1"),
                AnchorSelection.perModel(AnchorSelection.Metric.TEST, 0.3)
                        .select(items, s -> m.get(items.indexOf(s)), s -> s.substring(0, 1)));
        float[][] embeddings = {{0}, {1}, {2}, {3}, {4}};
        float[][] rows = all.anchors(embeddings, m, models);
        assertEquals(3, rows.length);
        assertEquals(4f, rows[2][0]);
    }

    @Test
    void shouldRefusePerModelSelectionWithoutTheModels() {
        AnchorSelection perModel = AnchorSelection.perModel(AnchorSelection.Metric.VALIDATION, 0.3);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> perModel.select(perModelCheckpoints()));
        assertTrue(e.getMessage().contains("model of every checkpoint"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> perModel.select(perModelCheckpoints(), List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> perModel.anchors(new float[12][1], perModelCheckpoints()));
        assertThrows(IllegalArgumentException.class, () -> new AnchorSelection(AnchorSelection.Metric.TEST, 0.3, null));
    }

    @Test
    void shouldNameThePoolInLineageOnlyWhenItIsNotTheOriginals() {
        assertEquals(
                List.of("anchorMetric", "anchorTopFraction"),
                List.copyOf(AnchorSelection.defaults().parameters().keySet()));
        assertEquals(
                "best-per-model",
                AnchorSelection.perModel(AnchorSelection.Metric.TEST, 0.3)
                        .parameters()
                        .get("anchorPool"));
        assertEquals(
                AnchorSelection.Pool.CHECKPOINTS, AnchorSelection.defaults().pool());
    }

    @Test
    void shouldParseTheMetricByNameAndRefuseOthers() {
        org.junit.jupiter.api.Assertions.assertEquals(
                AnchorSelection.Metric.TEST, AnchorSelection.Metric.parse("test"));
        org.junit.jupiter.api.Assertions.assertEquals(
                AnchorSelection.Metric.VALIDATION, AnchorSelection.Metric.parse("Validation"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> AnchorSelection.Metric.parse("train"));
        org.junit.jupiter.api.Assertions.assertTrue(
                e.getMessage().contains("validation or test, got 'train'"), e.getMessage());
    }
}
