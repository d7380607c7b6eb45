package io.hyperrep.ml.nd;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff 1.0.0-M2.1 bugs hyperrep works around, pinned so that an upgrade that fixes them
 * shows up as a failing test (then the workarounds can go).
 */
class SameDiffBugsTest {

    private static void gradientOf(java.util.function.BiFunction<SameDiff, SDVariable, SDVariable> f) {
        SameDiff sd = SameDiff.create();
        SDVariable v = sd.var("v", Nd4j.rand(DataType.FLOAT, 4, 6));
        SDVariable out = f.apply(sd, v);
        sd.mean("loss", out.mul(out));
        sd.setLossVariables("loss");
        sd.calculateGradients(Map.of(), "v");
    }

    @Test
    void gatherBackpropFailsSoTheAutoencoderTakesTokenOrderInputs() {
        assertThrows(IllegalArgumentException.class, () -> gradientOf((sd, v) -> sd.gather(v, new int[] {5, 4, 3, 2, 1, 0}, 1)));
    }

    @Test
    void sliceBackpropWorksAndReplacesGet() {
        gradientOf((sd, v) -> sd.slice(v, new int[] {0, 2}, -1, 3));
    }
}
