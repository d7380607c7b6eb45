package io.hyperrep.ml.cnn;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.LayerSpec;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The only place that maps canonical (PyTorch-order) parameter vectors to the variables of a
 * {@link PopulationCnnGraph} and back; the layout is the same in both graph modes. For model m of K
 * (canonical conv W[o,c,y,x], dense W[o,i]):
 * <ul>
 *   <li>conv weight {@code [K,out,in,k,k]} and dense weight {@code [K,out,in]}: model m's canonical
 *       block as is;</li>
 *   <li>conv bias {@code [1,K*out,1,1]} and dense bias {@code [K,1,out]}: model m's bias block.</li>
 * </ul>
 */
public final class PopulationWeights {

    private PopulationWeights() {}

    /** Loads {@code models[m]} (canonical vectors) into the graph's variables. */
    public static void load(SameDiff sd, Architecture arch, float[][] models) {
        int n = arch.parameterCount();
        for (int m = 0; m < models.length; m++) {
            if (models[m].length != n) {
                throw new IllegalArgumentException(
                        "model " + m + " has " + models[m].length + " parameters; " + arch.id() + " has " + n);
            }
        }
        int k = models.length;
        for (int i = 0; i < arch.layers().size(); i++) {
            LayerSpec l = arch.layers().get(i);
            float[] w = new float[k * l.weightCount()];
            float[] b = new float[k * l.outChannels()];
            for (int m = 0; m < k; m++) {
                float[] src = models[m];
                System.arraycopy(src, arch.weightOffset(i), w, m * l.weightCount(), l.weightCount());
                System.arraycopy(src, arch.biasOffset(i), b, m * l.outChannels(), l.outChannels());
            }
            set(sd, PopulationCnnGraph.weightName(i), w);
            set(sd, PopulationCnnGraph.biasName(i), b);
        }
    }

    /** Reads the graph's variables back into K canonical vectors. */
    public static float[][] read(SameDiff sd, Architecture arch, int k) {
        float[][] out = new float[k][arch.parameterCount()];
        for (int i = 0; i < arch.layers().size(); i++) {
            LayerSpec l = arch.layers().get(i);
            float[] w = sd.getVariable(PopulationCnnGraph.weightName(i))
                    .getArr()
                    .dup('c')
                    .data()
                    .asFloat();
            float[] b = sd.getVariable(PopulationCnnGraph.biasName(i))
                    .getArr()
                    .dup('c')
                    .data()
                    .asFloat();
            for (int m = 0; m < k; m++) {
                System.arraycopy(w, m * l.weightCount(), out[m], arch.weightOffset(i), l.weightCount());
                System.arraycopy(b, m * l.outChannels(), out[m], arch.biasOffset(i), l.outChannels());
            }
        }
        return out;
    }

    private static void set(SameDiff sd, String name, float[] values) {
        var v = sd.getVariable(name);
        INDArray arr = Nd4j.create(values, v.getShape(), 'c').castTo(DataType.FLOAT);
        if (v.getArr() != null && java.util.Arrays.equals(v.getArr().shape(), arr.shape())) {
            v.getArr().assign(arr);
        } else {
            v.setArray(arr);
        }
    }
}
