package io.hyperrep.ml.hyper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Trainable weights of a SameDiff graph by variable name, copied in and out with shape checks. */
final class GraphWeights {

    private GraphWeights() {}

    /** Copies of every trainable variable, in graph order. */
    static Map<String, INDArray> read(SameDiff sd) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                m.put(v.name(), v.getArr().dup());
            }
        }
        return m;
    }

    /** Names of the trainable variables, in graph order. */
    static List<String> names(SameDiff sd) {
        List<String> out = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                out.add(v.name());
            }
        }
        return out;
    }

    /**
     * Assigns {@code weights} to the graph's variables of the same names. Every given weight must match a
     * variable of the same shape; with {@code complete}, every variable of the graph must be given too.
     *
     * @throws AutoencoderFileException naming {@code source} and the first mismatch
     */
    static void write(SameDiff sd, Map<String, INDArray> weights, boolean complete, String source) {
        for (Map.Entry<String, INDArray> e : weights.entrySet()) {
            SDVariable v = sd.hasVariable(e.getKey()) ? sd.getVariable(e.getKey()) : null;
            if (v == null || v.getVariableType() != VariableType.VARIABLE) {
                throw new AutoencoderFileException(
                        source + " has a weight '" + e.getKey() + "' that this autoencoder does not have:"
                                + " it was written for another configuration or architecture");
            }
            if (!Arrays.equals(v.getArr().shape(), e.getValue().shape())) {
                throw new AutoencoderFileException(source + " has '" + e.getKey() + "' of shape "
                        + Arrays.toString(e.getValue().shape())
                        + " where this autoencoder needs "
                        + Arrays.toString(v.getArr().shape())
                        + ": it was written for another configuration or architecture");
            }
        }
        if (complete) {
            for (String name : names(sd)) {
                if (!weights.containsKey(name)) {
                    throw new AutoencoderFileException(source + " lacks the weight '" + name + "' of this autoencoder:"
                            + " it was written for another configuration or architecture");
                }
            }
        }
        weights.forEach((name, arr) -> sd.getVariable(name)
                .getArr()
                .assign(arr.castTo(sd.getVariable(name).dataType())));
    }
}
