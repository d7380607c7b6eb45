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
 * shows up as a failing test (then the workarounds can go): docs/decisions/samediff-gather-backprop.md,
 * docs/decisions/samediff-loss-scaling.md.
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
        assertThrows(
                IllegalArgumentException.class,
                () -> gradientOf((sd, v) -> sd.gather(v, new int[] {5, 4, 3, 2, 1, 0}, 1)));
    }

    /**
     * softmaxCrossEntropy's backprop ignores the gradient flowing into it: a loss scaled after it gets the
     * unscaled gradient. Scaling a summed cross-entropy by 1/12 should scale its gradient by 1/12; it
     * comes out 12x too large. (The zoo trainer's sum/batch is harmless under Adam, which is scale-free;
     * the autoencoder's task loss builds its cross-entropy from primitive ops.)
     */
    @Test
    void softmaxCrossEntropyBackpropIgnoresAScaleAppliedAfterIt() {
        SameDiff sd = SameDiff.create();
        Nd4j.getRandom().setSeed(1);
        SDVariable logits = sd.var("logits", Nd4j.randn(DataType.DOUBLE, 12, 10));
        org.nd4j.linalg.api.ndarray.INDArray labels = Nd4j.zeros(DataType.DOUBLE, 12, 10);
        for (int i = 0; i < 12; i++) {
            labels.putScalar(i, i % 10, 1.0);
        }
        SDVariable sum = sd.loss()
                .softmaxCrossEntropy(sd.constant(labels), logits, null, org.nd4j.autodiff.loss.LossReduce.SUM, 0.0);
        sd.identity("loss", sum.div(12.0));
        sd.setLossVariables("loss");
        double analytic =
                sd.calculateGradients(Map.of(), "logits").get("logits").getDouble(0, 0);
        // exact: d(mean CE)/d logit = (softmax - label) / 12
        org.nd4j.linalg.api.ndarray.INDArray row = logits.getArr().getRow(0);
        org.nd4j.linalg.api.ndarray.INDArray p =
                org.nd4j.linalg.ops.transforms.Transforms.softmax(row.reshape(1, 10), true);
        double exact = (p.getDouble(0) - 1.0) / 12;
        org.junit.jupiter.api.Assertions.assertEquals(
                12 * exact, analytic, 1e-9, "M2.1 scales the gradient of the mean like the sum's");
    }

    @Test
    void sliceBackpropWorksAndReplacesGet() {
        gradientOf((sd, v) -> sd.slice(v, new int[] {0, 2}, -1, 3));
    }
}
