package io.hyperrep.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperrep.core.zoo.Checkpoint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Zoo v2: 300 models sharing one initialisation, trained and scored by the Vector API kernel. */
class BundledZooV2Test extends BundledZooChecks {

    @Override
    Path dir() {
        return Path.of("../../data/zoo/fashion-mnist-cnn-s-v2");
    }

    /** The recipe's source of diversity: every model starts from the same weights and differs by its data order. */
    @Test
    void shouldStartEveryModelFromTheSharedInitialisation() {
        List<Checkpoint> init =
                zoo.readAll().stream().filter(c -> c.epoch() == 0).toList();
        assertEquals(zoo.spec().models(), init.size());
        for (Checkpoint c : init) {
            assertArrayEquals(init.get(0).weights(), c.weights(), 0f, c.key());
        }
    }
}
