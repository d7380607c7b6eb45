package io.hyperrep.zoo.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.sample.AnchorSelection;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationPlanTest {

    static EvaluationPlan plan(int epochs, int maxModels, List<String> tasks) {
        return new EvaluationPlan(
                epochs,
                tasks,
                List.of(1, 5),
                42,
                null,
                maxModels,
                0,
                0,
                List.of(0.02),
                AnchorSelection.defaults(),
                50,
                1);
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
    void shouldRejectImpossiblePlansWithTheOptionName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan(-1, 5, List.of()));
        assertTrue(e.getMessage().contains("--finetune-epochs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> plan(1, 0, List.of()));
        assertTrue(e.getMessage().contains("--max-models must be positive, got 0"), e.getMessage());
        assertThrows(RuntimeException.class, () -> plan(1, 5, List.of("mnist")), "unknown transfer task");
        assertThrows(
                IllegalArgumentException.class,
                () -> plan(1, 5, List.of("fashion-mnist-rot90", "fashion-mnist-rot90")));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EvaluationPlan(
                        1, List.of(), List.of(0), 1, null, 5, 0, 0, List.of(), AnchorSelection.defaults(), 50, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EvaluationPlan(
                        1, List.of(), List.of(), 1, null, 5, 0, 0, List.of(-0.1), AnchorSelection.defaults(), 50, 1));
    }
}
