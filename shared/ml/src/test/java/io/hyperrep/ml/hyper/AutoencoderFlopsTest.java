package io.hyperrep.ml.hyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.token.TokenLayout;
import io.hyperrep.ml.nd.Backend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/** The analytic count equals the FLOPs of every matmul the training graph actually runs. */
class AutoencoderFlopsTest {

    @Test
    void shouldCountEveryMatmulOfTheTrainingGraph() {
        Backend.init();
        TokenLayout layout = new TokenLayout(Architectures.CNN_S);
        // Kept apart (duplicates): every size enters the count, so the config names each (two blocks, a 3-layer head)
        AutoencoderConfig cfg = AutoencoderConfig.builder()
                .transformer(8, 2, 12, 2)
                .latent(6)
                .dropout(0.0)
                .projection(3, 10, 4)
                .gamma(0.5)
                .temperature(0.1)
                .lwln(true)
                .batchSize(3)
                .build();
        float[] sigma = new float[Architectures.CNN_S.parameterCount()];
        java.util.Arrays.fill(sigma, 0.1f);
        SameDiff sd = AutoencoderGraph.training(layout, cfg, sigma, 1);
        List<DifferentialFunction> products = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (DifferentialFunction op : sd.ops()) {
            if (op instanceof Mmul) {
                products.add(op);
                for (SDVariable v : op.args()) {
                    names.add(v.name());
                }
                names.add(op.outputVariables()[0].name());
            }
        }
        Map<String, INDArray> ph = Map.of(AutoencoderGraph.VIEWS, Nd4j.rand(6, Architectures.CNN_S.parameterCount()));
        // op outputs come from a forward pass; weights, constants and the placeholder are known already
        Map<String, INDArray> arrays = new HashMap<>(sd.output(
                ph,
                names.stream()
                        .filter(n -> sd.getVariable(n).getVariableType() == VariableType.ARRAY)
                        .toArray(String[]::new)));
        for (String n : names) {
            arrays.computeIfAbsent(
                    n, k -> ph.containsKey(k) ? ph.get(k) : sd.getVariable(k).getArr());
        }
        double measured = 0;
        for (DifferentialFunction op : products) {
            INDArray a = arrays.get(op.args()[0].name());
            INDArray b = arrays.get(op.args()[1].name());
            INDArray out = arrays.get(op.outputVariables()[0].name());
            long[] s = out.shape();
            double batch = 1;
            for (int i = 0; i < s.length - 2; i++) {
                batch *= s[i];
            }
            // a: batch*m*k, b: batch*k*n, out: batch*m*n  =>  k = sqrt(|a||b| / (|out| batch)), whatever the transposes
            double k = Math.sqrt((double) a.length() * b.length() / (out.length() * batch));
            measured += 2 * out.length() * k;
        }
        assertTrue(products.size() > 40, products.size() + " products");
        assertEquals(measured, AutoencoderFlops.trainingForward(layout, cfg), 1e-9 * measured);
        assertEquals(3 * measured, AutoencoderFlops.trainingStep(layout, cfg), 1e-9 * measured);
    }
}
