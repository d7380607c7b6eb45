package io.hyperrep.service.evaluator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.novelty.NearestDistances;
import io.hyperrep.core.sample.AnchorSelection;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.ml.cnn.Evaluation;
import io.hyperrep.ml.cnn.PopulationEvaluator;
import io.hyperrep.ml.nd.Backend;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scores against a plain population evaluation and the reference's own models. */
class ModelEvaluatorTest {

    static ImageSet test;
    static ModelEvaluator evaluator;

    @BeforeAll
    static void init() {
        Backend.init();
        test = Fixtures.data().test().head(200);
        evaluator = new ModelEvaluator(Fixtures.RECIPE, test, null, 0);
    }

    @Test
    void shouldScoreEachModelAsTheSameDiffGraphDoesAloneOrTogether() {
        float[][] three = {Fixtures.weights(0, 1), Fixtures.weights(1, 1), Fixtures.weights(2, 1)};
        Evaluation together = evaluator.evaluate(Architectures.CNN_S, three, true);
        Evaluation direct = new PopulationEvaluator(Architectures.CNN_S, Fixtures.RECIPE.activation())
                .evaluate(three, test, Fixtures.RECIPE.normalization(), true);
        for (int m = 0; m < 3; m++) {
            Evaluation alone = evaluator.evaluate(Architectures.CNN_S, new float[][] {three[m]}, true);
            assertEquals(direct.accuracy()[m], together.accuracy()[m], 1e-12);
            assertEquals(direct.loss()[m], together.loss()[m], 1e-4);
            assertEquals(alone.accuracy()[0], together.accuracy()[m], 1e-12);
            assertArrayEquals(direct.predictions()[m], together.predictions()[m]);
        }
    }

    @Test
    void shouldScoreATrainingModelAsACopyAndANoisyOneAsFartherAway() {
        List<Checkpoint> training = Fixtures.zoo("z", 4, 2);
        TrainingReference ref = evaluator.reference("z@s", Architectures.CNN_S, training, null);
        assertEquals(List.of("m0000", "m0001", "m0002", "m0003"), ref.models(), "one checkpoint per model");
        assertArrayEquals(Fixtures.weights(2, 2), ref.weights()[2], "the model's last epoch");
        double[] within = new double[4];
        for (int i = 0; i < 4; i++) {
            within[i] = NearestDistances.withinReference(ref.weights())[i].distance();
        }
        java.util.Arrays.sort(within);
        assertEquals((within[1] + within[2]) / 2, ref.medianNearestDistance(), 1e-9);

        float[] copy = Fixtures.weights(1, 2);
        float[] noisy = Fixtures.noisy(copy, 0.05, 9);
        List<ModelEvaluator.Scores> s = evaluator.score(new float[][] {copy, noisy}, new long[] {1, 2}, ref);
        assertEquals(0, s.get(0).nearestDistance(), 1e-9);
        assertEquals(0, s.get(0).relativeNovelty(), 1e-9);
        assertEquals(1.0, s.get(0).maxErrorIoU(), 1e-12, "a copy makes exactly its original's errors");
        double expected = 0.05 * Math.sqrt(copy.length);
        assertEquals(
                expected,
                s.get(1).nearestDistance(),
                0.1 * expected,
                "distance of the noisy copy is about sigma * sqrt(P)");
        assertEquals(
                s.get(1).nearestDistance() / ref.medianNearestDistance(),
                s.get(1).relativeNovelty(),
                1e-12);
        assertTrue(s.get(1).maxErrorIoU() >= 0 && s.get(1).maxErrorIoU() <= 1);
        Evaluation direct = evaluator.evaluate(Architectures.CNN_S, new float[][] {copy, noisy}, false);
        assertEquals(direct.accuracy()[1], s.get(1).accuracy(), 1e-12);
        assertTrue(s.get(1).finetuneAccuracy().isEmpty(), "no fine-tuning configured");
    }

    /**
     * The fixture zoo's checkpoints all claim 10 % test accuracy and rank by model (validation accuracy 0.10 + 0.01 m):
     * the reference's accuracies must be the evaluator's own measurements on its test images, of the right checkpoints.
     */
    @Test
    void shouldMeasureTheTrainingModelsAndTheAnchorsOnItsOwnTestImages() {
        List<Checkpoint> training = Fixtures.zoo("z", 10, 2);
        TrainingReference ref = evaluator.reference("z@s", Architectures.CNN_S, training, AnchorSelection.defaults());
        float[][] last = new float[10][];
        for (int m = 0; m < 10; m++) {
            last[m] = Fixtures.weights(m, 2);
        }
        double zoo = Arrays.stream(
                        evaluator.evaluate(Architectures.CNN_S, last, false).accuracy())
                .average()
                .orElseThrow();
        assertEquals(zoo, ref.meanTestAccuracy(), 1e-12, "each training model's last epoch in the window");
        // top 30 % of the 20 checkpoints by validation accuracy: both epochs of models 7, 8 and 9
        float[][] anchors = {
            Fixtures.weights(7, 1),
            Fixtures.weights(7, 2),
            Fixtures.weights(8, 1),
            Fixtures.weights(8, 2),
            Fixtures.weights(9, 1),
            Fixtures.weights(9, 2)
        };
        double anchorMean = Arrays.stream(
                        evaluator.evaluate(Architectures.CNN_S, anchors, false).accuracy())
                .average()
                .orElseThrow();
        assertEquals(6, ref.anchors().count());
        assertEquals(AnchorSelection.defaults(), ref.anchors().selection());
        assertEquals(anchorMean, ref.anchors().meanTestAccuracy(), 1e-12);
        assertNotEquals(0.1, ref.anchors().meanTestAccuracy(), 1e-6, "not the accuracy the checkpoints claim");
        assertNull(
                evaluator.reference("z@s", Architectures.CNN_S, training, null).anchors(), "no selection, no anchors");
    }

    @Test
    void shouldFineTuneEachModelAndReportAccuracyPerEpoch() {
        ModelEvaluator tuning = new ModelEvaluator(
                Fixtures.RECIPE, test, Fixtures.data().train().head(40), 2);
        TrainingReference ref = tuning.reference("z@s", Architectures.CNN_S, Fixtures.zoo("z", 3, 1), null);
        float[][] w = {Fixtures.weights(7, 1), Fixtures.weights(8, 1)};
        List<ModelEvaluator.Scores> a = tuning.score(w, new long[] {1, 2}, ref);
        for (int m = 0; m < 2; m++) {
            assertEquals(2, a.get(m).finetuneAccuracy().size());
            a.get(m).finetuneAccuracy().forEach(x -> assertTrue(x >= 0 && x <= 1));
        }
        assertTrue(
                !a.get(0).finetuneAccuracy().get(1).equals(a.get(0).accuracy())
                        || !a.get(1).finetuneAccuracy().get(1).equals(a.get(1).accuracy()),
                "8 Adam steps change some model's predictions");
    }

    @Test
    void shouldRefuseAReferenceOfOneModel() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> evaluator.reference("z@s", Architectures.CNN_S, Fixtures.zoo("z", 1, 2), null));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new ModelEvaluator(Fixtures.RECIPE, test, test.head(5), 1),
                "fine-tuning on fewer images than a batch");
    }
}
