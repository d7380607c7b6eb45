package io.hyperrep.ml.hyper;

import io.hyperrep.core.token.TokenLayout;
import io.hyperrep.ml.cnn.PopulationCnnGraph;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The layer weights of K CNNs read from an autoencoder's decoded output [K, P] in token order, so
 * that a population graph built on them is differentiable back into the decoder. A layer's tokens are
 * contiguous, one per neuron, each its incoming weights in canonical order followed by its bias
 * ({@link TokenLayout}); slices and reshapes only, because M2.1's gather and view ops fail in backprop.
 */
final class DecodedCnnWeights implements PopulationCnnGraph.LayerWeights {

    private final SameDiff sd;
    private final TokenLayout layout;
    private final SDVariable decoded;

    DecodedCnnWeights(SameDiff sd, TokenLayout layout, SDVariable decoded) {
        this.sd = sd;
        this.layout = layout;
        this.decoded = decoded;
    }

    @Override
    public SDVariable weight(int i, long... shape) {
        return part(i, 0, layout.width(i) - 1).reshape(shape);
    }

    @Override
    public SDVariable bias(int i, long... shape) {
        return part(i, layout.width(i) - 1, 1).reshape(shape);
    }

    /** Columns {@code from .. from+count-1} of every token of layer {@code i}: [K, neurons, count]. */
    private SDVariable part(int i, int from, int count) {
        int neurons = layout.architecture().layers().get(i).outChannels();
        int width = layout.width(i);
        SDVariable tokens =
                sd.slice(decoded, new int[] {0, offset(i)}, -1, neurons * width).reshape(-1, neurons, width);
        return sd.slice(tokens, new int[] {0, 0, from}, -1, neurons, count);
    }

    private int offset(int layer) {
        int off = 0;
        for (int l = 0; l < layer; l++) {
            off += layout.architecture().layers().get(l).outChannels() * layout.width(l);
        }
        return off;
    }
}
