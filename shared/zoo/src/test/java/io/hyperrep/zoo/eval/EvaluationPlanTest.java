package io.hyperrep.zoo.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.sample.AnchorSelection;
import io.hyperrep.ml.cnn.TrainerKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationPlanTest {

    static EvaluationPlan plan(int epochs, int maxModels, List<String> tasks) {
        return EvaluationPlan.builder()
                .finetuneEpochs(epochs)
                .transferTasks(tasks)
                .ensembleSizes(List.of(1, 5))
                .maxModels(maxModels)
                .noiseSigmas(List.of(0.02))
                .build();
    }

    @Test
    void shouldReportEpochsZeroOneFiveUpToTheLastPlusTheLast() {
        assertEquals(List.of(0), plan(0, 5, List.of()).reportEpochs());
        assertEquals(List.of(0, 1, 3), plan(3, 5, List.of()).reportEpochs());
        assertEquals(List.of(0, 1, 5, 15), plan(15, 5, List.of()).reportEpochs());
        assertEquals(List.of(0, 1, 5), EvaluationPlan.defaults(5).reportEpochs());
    }

    @Test
    void shouldFineTuneTheFirstNModelsOfSamplesBTAndBFOnly() {
        assertEquals(100, plan(5, 100, List.of()).tunedModels(), "default: as many as --max-models");
        assertEquals(30, plan(5, 100, List.of()).withFinetuneModels(30).tunedModels());
        assertEquals(100, plan(5, 100, List.of()).withFinetuneModels(300).tunedModels(), "never more than there are");
        assertEquals(
                30,
                plan(5, 100, List.of()).withFinetuneModels(30).withTrainer(null).tunedModels(),
                "kept by withTrainer");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> plan(5, 100, List.of()).withFinetuneModels(-1));
        assertTrue(e.getMessage().contains("--finetune-models"), e.getMessage());
        assertEquals(
                List.of(PopulationKind.SAMPLE, PopulationKind.SCRATCH, PopulationKind.ZOO_FINETUNED),
                java.util.Arrays.stream(PopulationKind.values())
                        .filter(PopulationKind::fineTuned)
                        .toList(),
                "noise populations and anchors are epoch-0 references");
    }

    @Test
    void shouldBuildTheDocumentedDefaultsAndKeepEveryFieldThroughToBuilder() {
        EvaluationPlan d = EvaluationPlan.defaults(5);
        assertEquals(
                new EvaluationPlan(
                        5,
                        List.of("fashion-mnist-rot90"),
                        List.of(1, 5, 10),
                        42,
                        null,
                        25,
                        0,
                        0,
                        List.of(0.02, 0.04),
                        AnchorSelection.defaults(),
                        50,
                        1,
                        null,
                        0),
                d);
        EvaluationPlan changed = d.toBuilder()
                .seed(7)
                .finetuneImages(100)
                .testImages(200)
                .groupSize(10)
                .workers(2)
                .trainer(TrainerKind.SAMEDIFF)
                .finetuneModels(3)
                .build();
        assertEquals(changed, changed.toBuilder().build());
        assertEquals(
                List.of(7L, 100, 200, 10, 2, 3),
                List.of(
                        changed.seed(),
                        changed.finetuneImages(),
                        changed.testImages(),
                        changed.groupSize(),
                        changed.workers(),
                        changed.finetuneModels()));
    }

    @Test
    void shouldRejectImpossiblePlansWithTheOptionName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan(-1, 5, List.of()));
        assertTrue(e.getMessage().contains("--finetune-epochs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> plan(1, 0, List.of()));
        assertTrue(e.getMessage().contains("--max-models must be positive, got 0"), e.getMessage());
        assertThrows(RuntimeException.class, () -> plan(1, 5, List.of("mnist")), "unknown transfer task");
        assertThrows(
                IllegalArgumentException.class,
                () -> plan(1, 5, List.of("fashion-mnist-rot90", "fashion-mnist-rot90")));
        assertThrows(IllegalArgumentException.class, () -> plan(1, 5, List.of()).toBuilder()
                .ensembleSizes(List.of(0))
                .build());
        assertThrows(IllegalArgumentException.class, () -> plan(1, 5, List.of()).toBuilder()
                .noiseSigmas(List.of(-0.1))
                .build());
    }
}
