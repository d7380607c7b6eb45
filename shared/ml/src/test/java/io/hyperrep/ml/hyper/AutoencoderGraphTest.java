package io.hyperrep.ml.hyper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.hyper.ReferenceLosses;
import io.hyperrep.core.token.TokenLayout;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** The autoencoder graph's losses against the plain-Java references, on a tiny configuration. */
@ExtendWith(TrainingThreads.class)
class AutoencoderGraphTest {

    static final TokenLayout LAYOUT = new TokenLayout(Architectures.CNN_S);
    static final int P = Architectures.CNN_S.parameterCount();

    static AutoencoderConfig tiny(double gamma, boolean lwln) {
        return TinyConfigs.oneBlock(16, 32, 24)
                .projection(2, 16, 8)
                .gamma(gamma)
                .lwln(lwln)
                .batchSize(4)
                .build();
    }

    static float[][] random(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[rows][cols];
        for (float[] row : x) {
            for (int i = 0; i < cols; i++) {
                row[i] = (float) (0.1 * r.nextGaussian());
            }
        }
        return x;
    }

    static INDArray arr(float[][] x) {
        return Nd4j.create(x);
    }

    static float[][] rows(INDArray a) {
        return a.toFloatMatrix();
    }

    @Test
    void shouldComputeTheLwlnReconstructionLossAsTheReference() {
        float[] sigma = new float[P];
        for (int i = 0; i < P; i++) {
            sigma[i] = 0.05f + 0.01f * (i % 7);
        }
        SameDiff sd = AutoencoderGraph.training(LAYOUT, tiny(0.0, true), sigma, 1);
        float[][] xi = random(4, P, 1);
        float[][] xj = random(4, P, 2);
        float[][] target = new float[8][];
        System.arraycopy(xi, 0, target, 0, 4);
        System.arraycopy(xj, 0, target, 4, 4);
        Map<String, INDArray> out = sd.output(
                Map.of(AutoencoderGraph.VIEWS, arr(target)),
                AutoencoderGraph.RECONSTRUCTION,
                AutoencoderGraph.LOSS_RECONSTRUCTION,
                AutoencoderGraph.LOSS);
        float[][] recon = rows(out.get(AutoencoderGraph.RECONSTRUCTION));
        // the graph works in token order: compare in token order with sigma permuted alike
        double expected = ReferenceLosses.lwlnMse(recon, target, LAYOUT.toTokenOrder(sigma));
        assertEquals(expected, out.get(AutoencoderGraph.LOSS_RECONSTRUCTION).getDouble(0), 1e-4 * expected);
        assertEquals(
                expected,
                out.get(AutoencoderGraph.LOSS).getDouble(0),
                1e-4 * expected,
                "gamma 0: loss is the reconstruction");
    }

    @Test
    void shouldComputeNtXentAsTheReference() {
        float[] ones = new float[P];
        java.util.Arrays.fill(ones, 1f);
        SameDiff sd = AutoencoderGraph.training(LAYOUT, tiny(1.0, false), ones, 2);
        Map<String, INDArray> ph = Map.of(AutoencoderGraph.VIEWS, arr(random(8, P, 3)));
        // the projection head's output is internal: recompute NT-Xent from it by fetching the last BN output
        String proj = sd.getVariable(AutoencoderGraph.LOSS_CONTRASTIVE).name();
        double graphLoss = sd.output(ph, proj).get(proj).getDouble(0);
        String head = lastProjectionOutput(sd);
        float[][] p = rows(sd.output(ph, head).get(head));
        assertEquals(8, p.length);
        assertEquals(ReferenceLosses.ntXent(p, 0.1), graphLoss, 1e-4 * Math.abs(graphLoss));
    }

    /** Name of the projection head's final BatchNorm output (the last op before NT-Xent's normalisation). */
    private static String lastProjectionOutput(SameDiff sd) {
        String found = null;
        for (var op : sd.ops()) {
            for (var out : op.outputVariables()) {
                if (out.name().startsWith("add")
                        && op.args().length == 2
                        && op.args()[1].name().startsWith("proj_bn1_beta")) {
                    found = out.name();
                }
            }
        }
        assertTrue(found != null, "projection head output not found");
        return found;
    }

    @Test
    void shouldReduceTheLossWhenTrained() {
        float[] sigma = new float[P];
        java.util.Arrays.fill(sigma, 0.1f);
        SameDiff sd =
                AutoencoderGraph.training(LAYOUT, tiny(0.5, true).withDropout(0.1), sigma, 3); // dropout must train too
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(1e-3))
                .dataSetFeatureMapping(AutoencoderGraph.VIEWS)
                .markLabelsUnused()
                .minimize(AutoencoderGraph.LOSS)
                .build());
        MultiDataSet batch = new MultiDataSet(new INDArray[] {arr(random(8, P, 5))}, new INDArray[0]);
        Map<String, INDArray> ph = Map.of(AutoencoderGraph.VIEWS, batch.getFeatures(0));
        double before =
                sd.output(ph, AutoencoderGraph.LOSS).get(AutoencoderGraph.LOSS).getDouble(0);
        for (int i = 0; i < 30; i++) {
            sd.fit(batch);
        }
        double after =
                sd.output(ph, AutoencoderGraph.LOSS).get(AutoencoderGraph.LOSS).getDouble(0);
        assertTrue(after < 0.7 * before, "loss " + before + " -> " + after);
    }

    @Test
    void shouldRoundTripThroughTheInferenceGraphShapes() {
        SameDiff inf = AutoencoderGraph.inference(LAYOUT, tiny(0.5, true));
        Map<String, INDArray> out = inf.output(
                Map.of(AutoencoderGraph.INPUT, arr(random(3, P, 7))),
                AutoencoderGraph.LATENT,
                AutoencoderGraph.RECONSTRUCTION);
        assertArrayEquals(new long[] {3, 24}, out.get(AutoencoderGraph.LATENT).shape());
        assertArrayEquals(
                new long[] {3, P}, out.get(AutoencoderGraph.RECONSTRUCTION).shape());
    }

    @Test
    void shouldRejectImpossibleConfigurations() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tiny(0.5, true).toBuilder()
                        .transformer(30, 4, 32, 1)
                        .build())
                .getMessage()
                .contains("must divide"));
        assertThrows(
                IllegalArgumentException.class,
                () -> tiny(0.5, true).toBuilder().dropout(1.2).build());
        assertThrows(IllegalArgumentException.class, () -> tiny(1.5, true));
    }
}
