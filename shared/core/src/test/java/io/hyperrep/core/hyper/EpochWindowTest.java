package io.hyperrep.core.hyper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EpochWindowTest {

    static Checkpoint checkpoint(int model, int epoch) {
        float[] w = new float[Architectures.CNN_S.parameterCount()];
        Random r = new Random(model * 100L + epoch);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian() * 0.1f;
        }
        return new Checkpoint(
                "z",
                String.format("m%04d", model),
                model,
                epoch,
                "cnn-s",
                Architectures.CNN_S.layoutHash(),
                new CheckpointMetrics(0.5, 0.5, 0.5, 0.5),
                w);
    }

    static List<Checkpoint> zoo(int models, int... epochs) {
        List<Checkpoint> out = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            for (int e : epochs) {
                out.add(checkpoint(m, e));
            }
        }
        return out;
    }

    @Test
    void shouldTakeTheLastConsecutiveTrainedEpochs() {
        assertArrayEquals(new int[] {3, 5}, EpochWindow.lastConsecutive(zoo(2, 0, 1, 2, 3, 4, 5), 3));
        assertArrayEquals(
                new int[] {4, 5}, EpochWindow.lastConsecutive(zoo(2, 0, 1, 2, 4, 5), 5), "a gap ends the window");
        assertArrayEquals(new int[] {1, 2}, EpochWindow.lastConsecutive(zoo(2, 0, 1, 2), 5), "epoch 0 never counts");
    }

    @Test
    void shouldRefuseAZooWithoutTrainedEpochs() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> EpochWindow.lastConsecutive(zoo(2, 0), 5));
        assertTrue(e.getMessage().contains("no trained epochs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EpochWindow.lastConsecutive(zoo(2, 1), 0));
    }

    @Test
    void shouldGiveTheSameSplitInTheSameOrderWhateverTheInputOrder() {
        List<Checkpoint> a = zoo(12, 0, 1, 2);
        List<Checkpoint> b = new ArrayList<>(a);
        Collections.shuffle(b, new Random(3));
        CheckpointDataset x = EpochWindow.dataset(a, 5);
        CheckpointDataset y = EpochWindow.dataset(b, 5);
        assertEquals(
                x.train().stream().map(Checkpoint::key).toList(),
                y.train().stream().map(Checkpoint::key).toList());
        assertEquals(16, x.train().size(), "8 of 12 models x epochs 1..2 (epoch 0 is outside the window)");
        assertTrue(x.train().stream().allMatch(c -> c.epoch() >= 1));
    }
}
