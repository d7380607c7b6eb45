package io.hyperrep.ml.cnn;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.LayerSpec;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds one SameDiff graph that runs K independent zoo CNNs side by side.
 *
 * <p>Conv activations are [B, K*C, H, W]: model m owns channels m*C..m*C+C-1. A conv layer is a
 * grouped convolution done as im2col plus one batched matmul over the model axis. When every model
 * sees the same images ({@link GraphMode#SHARED}, inference) the first layer is one ordinary conv with
 * all models' kernels stacked as output channels, and later conv layers are one conv per model on its
 * channel slice (both oneDNN). Dense layers are batched matmuls over the
 * model axis. Alternatives measured slower: depthwise conv + channel sum, and a shift-and-add over
 * kernel offsets (many small ops; SameDiff's per-op cost dominates). See docs/PERFORMANCE.md. The loss is the sum over models of each model's mean
 * cross-entropy, so every model's gradient is exactly its own; Adam is element-wise, so K models in
 * one graph train as K separate runs would. The variable layouts are documented on
 * {@link PopulationWeights}.
 */
public final class PopulationCnnGraph {

    public static final String INPUT = "x";
    public static final String LABELS = "y";
    public static final String LOGITS = "logits";
    public static final String LOSS = "loss";

    private PopulationCnnGraph() {}

    /** Names of the weight and bias variables of layer {@code i}. */
    public static String weightName(int i) {
        return "w" + i;
    }

    public static String biasName(int i) {
        return "b" + i;
    }

    /**
     * Builds the graph.
     *
     * @param models number of models K (1 = the single-model path)
     * @param batch  images per model per step, needed for the loss scale; ignored without a loss
     * @param withLoss whether to add labels and the training loss
     */
    public static SameDiff build(
            Architecture arch, Activation act, int models, GraphMode mode, int batch, boolean withLoss) {
        if (models <= 0) {
            throw new IllegalArgumentException("a population needs at least one model, got " + models);
        }
        if (withLoss && batch <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batch);
        }
        SameDiff sd = SameDiff.create();
        int inChannels = mode == GraphMode.GROUPED ? models * arch.channels() : arch.channels();
        SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, -1, inChannels, arch.height(), arch.width());
        SDVariable h = forward(sd, arch, act, x, models, mode, variables(sd));
        SDVariable logits = sd.identity(LOGITS, h);
        if (withLoss) {
            SDVariable y = sd.placeHolder(LABELS, DataType.FLOAT, models, -1, arch.classes());
            // The 1/batch goes in as the op's weights, not as a division afterwards: M2.1's softmaxCrossEntropy
            // backprop ignores any scale applied after it (SameDiffBugsTest, docs/decisions/samediff-loss-scaling.md),
            // which left the gradient a sum
            // over the batch while the coupled L2 term (recipes with weight decay) assumed a mean.
            sd.loss()
                    .softmaxCrossEntropy(
                            LOSS,
                            y.reshape(-1, arch.classes()),
                            logits.reshape(-1, arch.classes()),
                            sd.constant(Nd4j.scalar(DataType.FLOAT, 1.0f / batch)),
                            LossReduce.SUM,
                            0.0);
            sd.setLossVariables(LOSS);
        }
        return sd;
    }

    /**
     * Where a population's layer weights come from: the graph's own variables (training a zoo, evaluating
     * one), or values computed by another part of the graph (an autoencoder's decoded weights, so that a
     * loss on the decoded models' predictions reaches the decoder).
     */
    public interface LayerWeights {
        /** Layer {@code i}'s weights: conv [K, out, in, k, k] (canonical order per model), dense [K, out, in]. */
        SDVariable weight(int i, long... shape);

        /** Layer {@code i}'s biases: conv [1, K*out, 1, 1] (model-major), dense [K, 1, out]. */
        SDVariable bias(int i, long... shape);
    }

    /** One trainable variable per weight and bias, named {@link #weightName}/{@link #biasName}. */
    static LayerWeights variables(SameDiff sd) {
        return new LayerWeights() {
            @Override
            public SDVariable weight(int i, long... shape) {
                return sd.var(weightName(i), DataType.FLOAT, shape);
            }

            @Override
            public SDVariable bias(int i, long... shape) {
                return sd.var(biasName(i), DataType.FLOAT, shape);
            }
        };
    }

    /**
     * The K models' logits [K, B, classes] for {@code input} ([B, K*C, H, W] in {@link GraphMode#GROUPED}
     * mode, [B, C, H, W] in {@link GraphMode#SHARED} mode), added to {@code sd}.
     */
    public static SDVariable forward(
            SameDiff sd,
            Architecture arch,
            Activation act,
            SDVariable input,
            int models,
            GraphMode mode,
            LayerWeights weights) {
        SDVariable h = input;
        boolean flat = false;
        for (int i = 0; i < arch.layers().size(); i++) {
            LayerSpec l = arch.layers().get(i);
            if (l.kind() == LayerSpec.Kind.CONV2D) {
                h = conv(sd, arch, i, l, h, models, mode == GraphMode.SHARED, weights);
                if (l.poolAfter()) {
                    h = sd.cnn()
                            .maxPooling2d(
                                    h,
                                    Pooling2DConfig.builder()
                                            .kH(2)
                                            .kW(2)
                                            .sH(2)
                                            .sW(2)
                                            .paddingMode(PaddingMode.VALID)
                                            .isNHWC(false)
                                            .build());
                }
            } else {
                if (!flat) {
                    int s = arch.outputSpatial(i - 1);
                    int features = arch.layers().get(i - 1).outChannels() * s * s;
                    // [B, K*C, s, s] -> [K, B, C*s*s]: channel-major per model, as PyTorch's flatten.
                    h = h.reshape(-1, models, features).permute(1, 0, 2);
                    flat = true;
                }
                SDVariable w = weights.weight(i, models, l.outChannels(), l.inChannels());
                SDVariable b = weights.bias(i, models, 1, l.outChannels());
                h = sd.mmul(h, w, false, true, false).add(b);
            }
            if (l.activated()) {
                h = activate(sd, act, h);
            }
        }
        return h;
    }

    private static SDVariable conv(
            SameDiff sd,
            Architecture arch,
            int i,
            LayerSpec l,
            SDVariable in,
            int models,
            boolean shared,
            LayerWeights weights) {
        int k = l.kernel();
        Conv2DConfig cfg = Conv2DConfig.builder()
                .kH(k)
                .kW(k)
                .sH(1)
                .sW(1)
                .pH(0)
                .pW(0)
                .dH(1)
                .dW(1)
                .paddingMode(PaddingMode.VALID)
                .dataFormat("NCHW")
                .build();
        int out = l.outChannels();
        int cin = l.inChannels();
        long patch = (long) cin * k * k;
        int o = arch.inputSpatial(i) - k + 1;
        long pixels = (long) o * o;
        SDVariable w = weights.weight(i, models, out, cin, k, k);
        SDVariable h;
        if (shared && i == 0) {
            // [K, out, in, k, k] -> YXIO [k, k, in, K*out]; OIYX breaks conv2d backprop
            // (docs/decisions/samediff-conv-weight-layout.md).
            SDVariable yxio = w.reshape((long) models * out, cin, k, k).permute(2, 3, 1, 0);
            h = sd.cnn().conv2d(in, yxio, cfg);
        } else if (shared) {
            // Inference only: one oneDNN conv per model on its channel slice beats im2col 4-6x at large batches.
            SDVariable[] parts = new SDVariable[models];
            for (int m = 0; m < models; m++) {
                SDVariable xm = in.get(SDIndex.all(), SDIndex.interval((long) m * cin, (long) (m + 1) * cin));
                SDVariable wm = w.get(SDIndex.point(m)).permute(2, 3, 1, 0);
                parts[m] = sd.cnn().conv2d(xm, wm, cfg);
            }
            h = models == 1 ? parts[0] : sd.concat(1, parts);
        } else {
            // im2col [B, K*in, k, k, o, o]: a patch's (c, dy, dx) order equals the canonical W[o, c, dy, dx].
            SDVariable x = sd.cnn()
                    .im2Col(in, cfg)
                    .reshape(-1, models, patch, pixels)
                    .permute(1, 2, 0, 3)
                    .reshape(models, patch, -1);
            SDVariable y = sd.mmul(w.reshape(models, out, patch), x).reshape(models, out, -1, pixels);
            h = y.permute(2, 0, 1, 3).reshape(-1, (long) models * out, o, o);
        }
        SDVariable b = weights.bias(i, 1, (long) models * out, 1, 1);
        return h.add(b);
    }

    private static SDVariable activate(SameDiff sd, Activation act, SDVariable h) {
        return switch (act) {
            case TANH -> sd.math().tanh(h);
            case RELU -> sd.nn().relu(h, 0.0);
            // PyTorch's exact GELU, 0.5x(1+erf(x/sqrt 2)); ND4J's preciseGelu differs by ~4e-4.
            case GELU -> h.mul(0.5).mul(sd.math().erf(h.div(Math.sqrt(2.0))).add(1.0));
        };
    }

    /** Zero-filled arrays for every variable, so that a fresh graph can run before weights are loaded. */
    static void zeroFill(SameDiff sd) {
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE && v.getArr() == null) {
                v.setArray(Nd4j.zeros(DataType.FLOAT, v.getShape()));
            }
        }
    }
}
