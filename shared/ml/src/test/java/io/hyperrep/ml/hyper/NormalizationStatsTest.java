package io.hyperrep.ml.hyper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.zoo.Checkpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Centred input: zero mean and unit spread per layer on the training split, and decoding undoes it exactly. */
class NormalizationStatsTest {

    static final Architecture A = Architectures.CNN_S;

    @Test
    void shouldCentreAndScaleEachLayerOfTheTrainingSplit() {
        List<Checkpoint> train = AutoencoderTrainerTest.syntheticZoo(9);
        NormalizationStats s = NormalizationStats.fit(A, train, true, true);
        assertTrue(s.centred());
        int layers = A.layers().size();
        // Kept apart (duplicates): per-layer moments computed here independently of LayerScales.fit, which they check
        for (int l = 0; l < layers; l++) {
            int from = A.weightOffset(l);
            int to = l + 1 < layers ? A.weightOffset(l + 1) : A.parameterCount();
            double sum = 0;
            double sq = 0;
            long n = 0;
            for (Checkpoint c : train) {
                float[] x = s.toModelInput(c.weights());
                for (int i = from; i < to; i++) {
                    sum += x[i];
                    sq += x[i] * (double) x[i];
                    n++;
                }
            }
            assertEquals(0, sum / n, 1e-4, "mean of layer " + l);
            // unbiased over models: n values, (to - from) * (models - 1) degrees of freedom
            assertEquals(1, sq / ((to - from) * (train.size() - 1.0)), 1e-3, "spread of layer " + l);
        }
        float[] w = train.get(3).weights();
        assertArrayEquals(w, s.fromModelOutput(s.toModelInput(w)), 1e-5f);
        // a zero output decodes to the training mean: what the autoencoder has not learned defaults to the mean model
        assertArrayEquals(s.parameterMean(), s.fromModelOutput(new float[A.parameterCount()]), 0f);
        for (float v : s.lossScales()) {
            assertEquals(1f, v);
        }
    }

    @Test
    void shouldUseOneScaleWithoutLwlnAndTheRawWeightsWhenNotCentred() {
        List<Checkpoint> train = AutoencoderTrainerTest.syntheticZoo(6);
        double[] global =
                NormalizationStats.fit(A, train, true, false).inputScales().sigma();
        for (double v : global) {
            assertEquals(global[0], v, 0);
        }
        NormalizationStats raw = NormalizationStats.fit(A, train);
        assertFalse(raw.centred());
        float[] w = train.get(0).weights();
        assertSame(w, raw.toModelInput(w));
        assertArrayEquals(raw.scales().perParameter(), raw.lossScales(), 0f);
    }
}
