package io.hyperrep.core.hyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckpointDatasetTest {

    static Checkpoint ck(Architecture a, String model, int epoch, float fill) {
        float[] w = new float[a.parameterCount()];
        java.util.Arrays.fill(w, fill);
        return new Checkpoint("z", model, 1, epoch, a.id(), a.layoutHash(), new CheckpointMetrics(1, 0.5, 0.5, 0.5), w);
    }

    static List<Checkpoint> zoo(int models) {
        List<Checkpoint> out = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            for (int e = 0; e <= 8; e++) {
                out.add(ck(Architectures.CNN_S, "m" + m, e, m + e * 0.1f));
            }
        }
        return out;
    }

    @Test
    void shouldSplitByModelWithinTheEpochWindow() {
        CheckpointDataset d = CheckpointDataset.of(zoo(20), CheckpointDataset.Options.standard(4, 8));
        assertEquals(14 * 5, d.train().size());
        assertEquals(3 * 5, d.validation().size());
        assertEquals(3 * 5, d.test().size());
        Set<String> trainModels = new HashSet<>();
        d.train().forEach(c -> trainModels.add(c.modelId()));
        d.test().forEach(c -> assertTrue(!trainModels.contains(c.modelId()), "model in two splits: " + c.modelId()));
        assertEquals(20 * 4, d.dropped().get(CheckpointDataset.DropReason.OUTSIDE_EPOCH_WINDOW));
        assertEquals(
                d.test().stream().map(Checkpoint::key).toList(),
                CheckpointDataset.of(zoo(20), CheckpointDataset.Options.standard(4, 8)).test().stream()
                        .map(Checkpoint::key)
                        .toList(),
                "the split is fixed by the seed");
    }

    @Test
    void shouldDropAndCountNonFiniteAndOutlierCheckpoints() {
        List<Checkpoint> z = zoo(20);
        z.get(5).weights()[3] = Float.NaN;
        z.get(6).weights()[3] = 1e5f;
        CheckpointDataset d = CheckpointDataset.of(z, CheckpointDataset.Options.standard(4, 8));
        assertEquals(1, d.dropped().get(CheckpointDataset.DropReason.NON_FINITE));
        assertEquals(1, d.dropped().get(CheckpointDataset.DropReason.OUTLIER));
        assertTrue(d.describe().contains("non_finite=1"), d.describe());
    }

    @Test
    void shouldRejectMixedArchitecturesAndEmptySplits() {
        List<Checkpoint> z = zoo(20);
        z.add(ck(Architectures.CNN_L, "x", 5, 0));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> CheckpointDataset.of(z, CheckpointDataset.Options.standard(4, 8)))
                .getMessage()
                .contains("mixes architectures"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> CheckpointDataset.of(zoo(2), CheckpointDataset.Options.standard(4, 8)))
                .getMessage()
                .contains("empty split"));
    }
}
