package io.hyperrep.core.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperrep.core.arch.Architectures;
import org.junit.jupiter.api.Test;

class TrainingFlopsTest {

    @Test
    void shouldCountCnnSByHand() {
        // forward: conv1 24*24*8*25, conv2 8*8*6*200, conv3 3*3*4*24, dense 36*20 and 20*10 multiply-adds
        long forward = 2L * (24 * 24 * 8 * 25 + 8 * 8 * 6 * 200 + 3 * 3 * 4 * 24 + 36 * 20 + 20 * 10);
        long firstLayer = 2L * 24 * 24 * 8 * 25;
        assertEquals(387_568, forward);
        assertEquals(3 * forward - firstLayer, TrainingFlops.perImage(Architectures.CNN_S));
    }
}
