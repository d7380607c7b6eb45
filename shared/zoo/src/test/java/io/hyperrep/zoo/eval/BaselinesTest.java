package io.hyperrep.zoo.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.sample.AnchorSelection;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.core.zoo.ZooRecipe;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    @Test
    void shouldInitialiseTrainedFromScratchModelsAsTheZooDoesFromSeedsNoZooModelUses() {
        ZooReference zoo = SyntheticZoo.reference(20);
        long[] seeds = zoo.freshSeeds(4);
        for (long s : seeds) {
            assertTrue(
                    s < zoo.spec().firstSeed()
                            || s >= zoo.spec().firstSeed() + zoo.spec().models(),
                    "seed " + s + " is a zoo seed");
        }
        assertEquals(4, Arrays.stream(seeds).distinct().count());
        ZooRecipe recipe = zoo.spec().recipe();
        Population bt = Baselines.trainedFromScratch(recipe, seeds);
        assertEquals(PopulationKind.SCRATCH, bt.kind());
        assertEquals(4, bt.size());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(ModelSeeds.initialWeights(SyntheticZoo.ARCH, recipe.init(), seeds[i]), bt.weights()[i]);
            assertEquals(SyntheticZoo.ARCH.parameterCount(), bt.weights()[i].length);
        }
        assertArrayEquals(
                bt.weights()[2], Baselines.trainedFromScratch(recipe, seeds).weights()[2], "deterministic");
    }

    @Test
    void shouldTakeZooFinetunedModelsFromTheTrainingSplitAtTheirLastEpoch() {
        ZooReference zoo = SyntheticZoo.reference(20);
        Population bf = Baselines.zooFinetuned(zoo, 5);
        assertEquals(5, bf.size());
        Set<String> trainModels = zoo.train().stream().map(Checkpoint::modelId).collect(Collectors.toSet());
        List<String> sorted =
                trainModels.stream().sorted().limit(5).map(m -> m + "-e3").toList();
        assertEquals(sorted, bf.memberIds(), "first 5 training models by id, epoch 3 (the window's last)");
        assertEquals(14, trainModels.size(), "70% of 20 models");
        assertEquals(14, Baselines.zooFinetuned(zoo, 100).size(), "never more than the split holds");
    }

    @Test
    void shouldAddNoiseOfTheRequestedScaleToAnchors() {
        ZooReference zoo = SyntheticZoo.reference(20);
        List<Checkpoint> anchors = zoo.anchors(AnchorSelection.defaults());
        assertTrue(anchors.size() >= 0.3 * zoo.train().size()
                && anchors.size() < zoo.train().size());
        Population noisy = Baselines.noise(anchors, 0.04, 30, 7);
        assertEquals("noise-0.04", noisy.name());
        assertEquals(30, noisy.size());
        double sum = 0;
        double sq = 0;
        long count = 0;
        for (int i = 0; i < noisy.size(); i++) {
            String[] id = noisy.memberIds().get(i).split("-");
            Checkpoint a = anchors.stream()
                    .filter(c -> c.modelId().equals(id[1]) && ("e" + c.epoch()).equals(id[2]))
                    .findFirst()
                    .orElseThrow();
            for (int j = 0; j < a.weights().length; j++) {
                double d = noisy.weights()[i][j] - a.weights()[j];
                sum += d;
                sq += d * d;
                count++;
            }
        }
        double mean = sum / count;
        double std = Math.sqrt(sq / count - mean * mean);
        assertEquals(0, mean, 0.001);
        assertEquals(0.04, std, 0.001);
        assertArrayEquals(
                noisy.weights()[3], Baselines.noise(anchors, 0.04, 30, 7).weights()[3], "same seed, same noise");
        assertFalse(Arrays.equals(
                noisy.weights()[3], Baselines.noise(anchors, 0.04, 30, 8).weights()[3]));
        assertNotEquals(
                Baselines.noise(anchors, 0.02, 1, 7).weights()[0][0],
                Baselines.noise(anchors, 0.04, 1, 7).weights()[0][0]);
        assertEquals(
                anchors.size(),
                noisy.memberIds().stream().map(s -> s.substring(6)).distinct().count(),
                "every anchor used");
        assertThrows(IllegalArgumentException.class, () -> Baselines.noise(List.of(), 0.02, 3, 1));
    }

    @Test
    void shouldDrawAnchorSubsetsWithoutReplacement() {
        ZooReference zoo = SyntheticZoo.reference(20);
        List<Checkpoint> anchors = zoo.anchors(AnchorSelection.defaults());
        Population a = Baselines.anchors(anchors, 4, 1);
        assertEquals(4, a.size());
        assertEquals(4, a.memberIds().stream().distinct().count());
        assertEquals(anchors.size(), Baselines.anchors(anchors, 1000, 1).size());
    }
}
