package io.hyperrep.ml.hyper;

import io.hyperrep.core.token.TokenLayout;
import io.hyperrep.ml.cnn.GraphMode;
import io.hyperrep.ml.cnn.PopulationCnnGraph;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hyper-representation's transformer autoencoder as one SameDiff graph (docs/METHOD.md §3, §5):
 * per-layer token embedders, learned positions, pre-norm blocks (custom Norm with the unbiased std,
 * biased q/k/v/o projections, dropout on the attention probabilities), "linear" compression to the
 * latent, a mirrored decoder with per-layer de-embedders, and - when built for training - the two
 * views through the shared encoder, the LWLN reconstruction loss and NT-Xent on a projection head.
 *
 * <p>Inputs and reconstructions are in <em>token order</em> ({@link TokenLayout#toTokenOrder}): the
 * fixed canonical-to-token permutation is applied in Java, because M2.1's {@code gather} backprop
 * fails (docs/decisions/samediff-gather-backprop.md). Every reduction over an axis is a matmul with a ones
 * vector: M2.1's dimensioned {@code sum} loses its axis in backprop (docs/decisions/samediff-axis-reductions.md).
 */
public final class AutoencoderGraph {

    // Kept apart (duplicates): the graph's variable names, one constant each; no logic repeats.

    /** Training input: both views stacked, rows 0..B-1 view i of each checkpoint, rows B..2B-1 view j. */
    public static final String VIEWS = "views";

    public static final String INPUT = "x";
    public static final String LATENT = "z";
    public static final String RECONSTRUCTION = "recon";
    /** Inference only: latent codes fed straight to the decoder (sampling new weights). */
    public static final String LATENT_INPUT = "z_in";

    public static final String DECODED = "decoded";
    public static final String LOSS = "loss";
    public static final String LOSS_RECONSTRUCTION = "loss_rec";
    public static final String LOSS_CONTRASTIVE = "loss_ntxent";
    /** With a {@link TaskLoss}: one permutation matrix per latent dimension [latent, 2B, 2B] mixing the batch's codes. */
    public static final String TASK_MIX = "task_mix";
    /** With a {@link TaskLoss}: training images [N, 2B*C, H, W], N per decoded model (grouped layout). */
    public static final String TASK_IMAGES = "task_x";
    /** With a {@link TaskLoss}: their one-hot labels [2B, N, classes]. */
    public static final String TASK_LABELS = "task_y";

    public static final String LOSS_TASK = "loss_task";
    /** With a {@link TaskLoss} function term: mean KL divergence from the originals' predictions to their reconstructions'. */
    public static final String LOSS_FUNCTION = "loss_function";

    /**
     * Std of the learned positional embeddings at initialisation. PyTorch's nn.Embedding draws N(0, 1),
     * but the token embeddings of raw weights start near std 0.05: positions of std 1 drowned the
     * content, and the autoencoder needed hundreds of epochs before its R^2 left 0. Small positions
     * (as in BERT/GPT's 0.02) let content dominate from the first step.
     */
    static final double POSITION_INIT_STD = 0.02;

    private final SameDiff sd;
    private final TokenLayout layout;
    private final AutoencoderConfig cfg;
    private final boolean training;
    private final int tokens;
    /** FLOAT everywhere except the double-precision gradient check. */
    private final DataType dtype;

    private AutoencoderGraph(SameDiff sd, TokenLayout layout, AutoencoderConfig cfg, boolean training, DataType dtype) {
        this.dtype = dtype;
        this.sd = sd;
        this.layout = layout;
        this.cfg = cfg;
        this.training = training;
        this.tokens = layout.tokens();
    }

    /**
     * The training graph: placeholder {@link #VIEWS} [2B, P] in token order,
     * output {@link #LOSS} with its two terms. {@code sigma} is the per-parameter LWLN scale in canonical
     * order (ignored with LWLN off); {@code seed} fixes the initial weights.
     */
    public static SameDiff training(TokenLayout layout, AutoencoderConfig cfg, float[] sigma, long seed) {
        return training(layout, cfg, sigma, seed, DataType.FLOAT);
    }

    /**
     * The training graph with the {@link TaskLoss} terms added to {@link #LOSS}: the task term (reported as
     * {@link #LOSS_TASK}; placeholders {@link #TASK_MIX}, {@link #TASK_IMAGES}, {@link #TASK_LABELS}) and the
     * function term (reported as {@link #LOSS_FUNCTION}; placeholder {@link #TASK_IMAGES}).
     */
    public static SameDiff training(
            TokenLayout layout, AutoencoderConfig cfg, float[] sigma, long seed, TaskLoss task) {
        return training(layout, cfg, sigma, seed, DataType.FLOAT, task);
    }

    /** {@link #training(TokenLayout, AutoencoderConfig, float[], long, TaskLoss)} with every array in {@code dtype}. */
    static SameDiff training(
            TokenLayout layout, AutoencoderConfig cfg, float[] sigma, long seed, DataType dtype, TaskLoss task) {
        Nd4j.getRandom().setSeed(seed);
        AutoencoderGraph g = new AutoencoderGraph(SameDiff.create(), layout, cfg, true, dtype);
        g.buildTraining(sigma, task);
        return g.sd;
    }

    /** {@link #training(TokenLayout, AutoencoderConfig, float[], long)} with every array in {@code dtype}. */
    static SameDiff training(TokenLayout layout, AutoencoderConfig cfg, float[] sigma, long seed, DataType dtype) {
        return training(layout, cfg, sigma, seed, dtype, null);
    }

    /**
     * The inference graph, no dropout, two entry points sharing one set of weights:
     * {@link #INPUT} [N, P] -> {@link #LATENT}, {@link #RECONSTRUCTION}; and {@link #LATENT_INPUT}
     * [N, latent] -> {@link #DECODED}. Weights and reconstructions are in token order. SameDiff only
     * needs the placeholder of the entry point whose outputs are requested.
     */
    public static SameDiff inference(TokenLayout layout, AutoencoderConfig cfg) {
        AutoencoderGraph g = new AutoencoderGraph(SameDiff.create(), layout, cfg.withDropout(0), false, DataType.FLOAT);
        SDVariable x = g.sd.placeHolder(
                INPUT, DataType.FLOAT, -1, layout.architecture().parameterCount());
        SDVariable z = g.encode(x);
        g.sd.identity(LATENT, z);
        g.sd.identity(RECONSTRUCTION, g.decode(z));
        SDVariable zIn = g.sd.placeHolder(LATENT_INPUT, DataType.FLOAT, -1, cfg.latent());
        g.sd.identity(DECODED, g.decode(zIn)); // the second decode reuses the first one's variables by name
        return g.sd;
    }

    private void buildTraining(float[] sigma, TaskLoss task) {
        int p = layout.architecture().parameterCount();
        if (sigma.length != p) {
            throw new IllegalArgumentException("sigma has " + sigma.length + " entries, the architecture " + p);
        }
        int b = cfg.batchSize();
        SDVariable x = sd.placeHolder(VIEWS, dtype, 2L * b, p); // both views through one encoder
        SDVariable z = encode(x);
        sd.identity(LATENT, z);
        SDVariable recon = sd.identity(RECONSTRUCTION, decode(z));
        float[] sigmaTokens = layout.toTokenOrder(sigma);
        float[] w = new float[p];
        for (int i = 0; i < p; i++) {
            w[i] = cfg.lwln() ? 1f / (sigmaTokens[i] * sigmaTokens[i]) : 1f;
        }
        // one row per view rather than a broadcast row: multiply_bp with a broadcast operand is slow in M2.1
        SDVariable weights = sd.constant(
                "lwln_weights",
                Nd4j.create(w, new long[] {1, p}, 'c').castTo(dtype).repeat(0, 2L * b));
        SDVariable d = recon.sub(x);
        SDVariable rec = sd.mean(LOSS_RECONSTRUCTION, d.mul(d).mul(weights));
        SDVariable con = ntXent(projection(z), 2 * b);
        sd.identity(LOSS_CONTRASTIVE, con);
        if (task == null) {
            rec.mul(1 - cfg.gamma()).add(LOSS, con.mul(cfg.gamma()));
        } else {
            SDVariable total = rec.mul(1 - cfg.gamma()).add(con.mul(cfg.gamma()));
            if (task.hasTask()) {
                total = total.add(sd.identity(LOSS_TASK, taskLoss(z, task)).mul(task.weight()));
            }
            if (task.hasFunction()) {
                total = total.add(
                        sd.identity(LOSS_FUNCTION, functionLoss(x, recon, task)).mul(task.functionWeight()));
            }
            sd.identity(LOSS, total);
        }
        sd.setLossVariables(LOSS);
    }

    /**
     * Mean cross-entropy of the CNNs decoded from mixed codes (see {@link TaskLoss}). The mix is a batched
     * matmul with per-dimension permutation matrices fed each step: gather's backprop fails in M2.1.
     */
    private SDVariable taskLoss(SDVariable z, TaskLoss task) {
        int n = 2 * cfg.batchSize();
        int latent = cfg.latent();
        var arch = layout.architecture();
        SDVariable mix = sd.placeHolder(TASK_MIX, dtype, latent, n, n);
        SDVariable mixed = sd.mmul(mix, z.permute(1, 0).reshape(latent, n, 1))
                .reshape(latent, n)
                .permute(1, 0); // [2B, latent]
        if (task.mixNoise() > 0) {
            SDVariable avg = sd.constant("task_avg", Nd4j.ones(dtype, 1, n).divi(n));
            SDVariable c = z.sub(sd.mmul(avg, z));
            SDVariable spread = sd.math().sqrt(sd.mmul(avg, c.mul(c)).add(1e-12)); // [1, latent]
            SDVariable rowsOnes = sd.constant("task_rows", Nd4j.ones(dtype, n, 1));
            SDVariable jitter = sd.random().normal(0, task.mixNoise(), dtype, n, latent);
            mixed = mixed.add(jitter.mul(sd.mmul(rowsOnes, spread)));
        }
        SDVariable decoded = decode(mixed);
        SDVariable images = taskImages(task);
        SDVariable labels = sd.placeHolder(TASK_LABELS, dtype, n, task.images(), arch.classes());
        SDVariable logits = PopulationCnnGraph.forward(
                sd, arch, task.activation(), images, n, GraphMode.GROUPED, new DecodedCnnWeights(sd, layout, decoded));
        return meanCrossEntropy(logits.reshape(-1, arch.classes()), labels.reshape(-1, arch.classes()), arch.classes());
    }

    /**
     * Mean KL divergence, over the task images of every model of the batch, from the predictions of the
     * input checkpoints (the views, run as CNNs) to those of their reconstructions. The originals' branch
     * depends on placeholders only, so no gradient flows into it: the targets are constants of the step.
     */
    private SDVariable functionLoss(SDVariable views, SDVariable recon, TaskLoss task) {
        int n = 2 * cfg.batchSize();
        int classes = layout.architecture().classes();
        SDVariable images = taskImages(task);
        SDVariable original = taskLogits(task, images, n, views);
        SDVariable rebuilt = taskLogits(task, images, n, recon);
        SDVariable target = sd.math().exp(original.sub(logSumExp(original, classes)));
        // KL(p || q) = CE(p, q) - H(p): the entropy term has no gradient and makes a perfect reconstruction read 0
        return meanCrossEntropy(rebuilt, target, classes).sub(meanCrossEntropy(original, target, classes));
    }

    /** Logits [N*2B, classes] of the task images through the CNNs given by the rows of {@code weights}, one model a row. */
    private SDVariable taskLogits(TaskLoss task, SDVariable images, int n, SDVariable weights) {
        var arch = layout.architecture();
        return PopulationCnnGraph.forward(
                        sd,
                        arch,
                        task.activation(),
                        images,
                        n,
                        GraphMode.GROUPED,
                        new DecodedCnnWeights(sd, layout, weights))
                .reshape(-1, arch.classes());
    }

    /** The task images placeholder [N, 2B*C, H, W], shared by the task and function terms. */
    private SDVariable taskImages(TaskLoss task) {
        if (sd.hasVariable(TASK_IMAGES)) {
            return sd.getVariable(TASK_IMAGES);
        }
        var arch = layout.architecture();
        return sd.placeHolder(
                TASK_IMAGES, dtype, task.images(), 2L * cfg.batchSize() * arch.channels(), arch.height(), arch.width());
    }

    /** Row-wise log-sum-exp [rows, 1], stabilised by the row maximum. */
    private SDVariable logSumExp(SDVariable logits, int classes) {
        SDVariable max = sd.max(logits, true, 1);
        return sd.math()
                .log(sd.mmul(sd.math().exp(logits.sub(max)), classOnes(classes)))
                .add(max);
    }

    private SDVariable classOnes(int classes) {
        return sd.hasVariable("task_class_ones")
                ? sd.getVariable("task_class_ones")
                : sd.constant("task_class_ones", Nd4j.ones(dtype, classes, 1));
    }

    /**
     * Mean softmax cross-entropy over the rows (labels one-hot or probabilities), from primitive ops. Not M2.1's softmaxCrossEntropy: its
     * backprop ignores the gradient flowing into it, so a loss scaled after it (a mean, the term's weight)
     * gets the unscaled gradient (x12 for 12 rows: SameDiffBugsTest; docs/decisions/samediff-loss-scaling.md).
     */
    private SDVariable meanCrossEntropy(SDVariable logits, SDVariable labels, int classes) {
        SDVariable picked = sd.mmul(logits.mul(labels), classOnes(classes));
        return sd.mean(logSumExp(logits, classes).sub(picked));
    }

    SDVariable encode(SDVariable x) {
        int d = cfg.dModel();
        List<SDVariable> parts = new ArrayList<>();
        int offset = 0;
        for (int l = 0; l < layout.architecture().layers().size(); l++) {
            int k = layout.architecture().layers().get(l).outChannels();
            int w = layout.width(l);
            // slice, not get(): get() builds a CreateView op whose backprop fails in M2.1
            SDVariable tokensOfLayer =
                    sd.slice(x, new int[] {0, offset}, -1, k * w).reshape(-1, w); // [N*k, w]
            parts.add(linear("enc_embed_" + l, tokensOfLayer, w, d).reshape(-1, k, d));
            offset += k * w;
        }
        SDVariable h = sd.concat(1, parts.toArray(new SDVariable[0])); // [N, T, d]
        h = h.add(sd.var("enc_pos", Nd4j.randn(dtype, tokens, d).muli(POSITION_INIT_STD)))
                .reshape(-1, d);
        for (int i = 0; i < cfg.blocks(); i++) {
            h = block("enc_" + i, h);
        }
        SDVariable flat = h.reshape(-1, (long) tokens * d);
        return linear("enc_neck", flat, tokens * d, cfg.latent());
    }

    SDVariable decode(SDVariable z) {
        int d = cfg.dModel();
        SDVariable h = linear("dec_expand", z, cfg.latent(), tokens * d).reshape(-1, tokens, d);
        h = h.add(param("dec_pos", () -> Nd4j.randn(dtype, tokens, d).muli(POSITION_INIT_STD)))
                .reshape(-1, d);
        for (int i = 0; i < cfg.blocks(); i++) {
            h = block("dec_" + i, h);
        }
        h = h.reshape(-1, tokens, d);
        List<SDVariable> parts = new ArrayList<>();
        int t = 0;
        for (int l = 0; l < layout.architecture().layers().size(); l++) {
            int k = layout.architecture().layers().get(l).outChannels();
            int w = layout.width(l);
            SDVariable tok = sd.slice(h, new int[] {0, t, 0}, -1, k, d).reshape(-1, d); // [N*k, d]
            parts.add(linear("dec_debed_" + l, tok, d, w).reshape(-1, (long) k * w));
            t += k;
        }
        return sd.concat(1, parts.toArray(new SDVariable[0]));
    }

    /**
     * One pre-norm block on the tokens of all rows as one matrix [N*T, d]: the linear layers and the Norm
     * work per token, so only attention needs the [N, heads, T, d_k] view. (Keeping [N, T, d] cost two
     * reshapes per linear layer and three per Norm, a quarter of all ops of a training step.)
     */
    private SDVariable block(String name, SDVariable x) {
        int d = cfg.dModel();
        SDVariable a = attention(name + "_attn", norm(name + "_norm1", x));
        x = x.add(dropoutTokens(a, d));
        SDVariable f = linear(name + "_ff1", norm(name + "_norm2", x), d, cfg.dFf());
        f = linear(name + "_ff2", dropoutTokens(sd.nn().relu(f, 0), cfg.dFf()), cfg.dFf(), d);
        return x.add(dropoutTokens(f, d));
    }

    /** alpha*(x - mean)/(std + 1e-6) + bias with the unbiased std over the features of each token [N*T, d] (the paper's Norm). */
    private SDVariable norm(String name, SDVariable x) {
        int d = cfg.dModel();
        SDVariable ones = sd.hasVariable(name + "_ones")
                ? sd.getVariable(name + "_ones")
                : sd.constant(name + "_ones", Nd4j.ones(dtype, d, 1));
        SDVariable mean = sd.mmul(x, ones).div(d); // [N*T, 1]
        SDVariable c = x.sub(mean);
        SDVariable std = sd.math().sqrt(sd.mmul(c.mul(c), ones).div(d - 1));
        SDVariable alpha = param(name + "_alpha", () -> Nd4j.ones(dtype, d));
        SDVariable bias = param(name + "_bias", () -> Nd4j.zeros(dtype, d));
        return scaleColumns(c.div(std.add(1e-6)), alpha, d).add(bias);
    }

    /**
     * {@code x} [N*T, d] times {@code v} [d] per column. The training graph multiplies by v broadcast to
     * the full matrix as an outer product with ones: M2.1's multiply_bp with a broadcast operand took
     * 5 ms on a 3072x64 matrix, the outer product and a same-shape multiply_bp 0.5 ms. Same values.
     */
    private SDVariable scaleColumns(SDVariable x, SDVariable v, int d) {
        if (!training) {
            return x.mul(v);
        }
        long rows = 2L * cfg.batchSize() * tokens;
        SDVariable ones = sd.hasVariable("token_ones")
                ? sd.getVariable("token_ones")
                : sd.constant("token_ones", Nd4j.ones(dtype, rows, 1));
        return x.mul(sd.mmul(ones, v.reshape(1, d)));
    }

    /** Multi-head self-attention over the T tokens of each row, on [N*T, d]. */
    private SDVariable attention(String name, SDVariable x) {
        int d = cfg.dModel();
        int h = cfg.heads();
        int dk = d / h;
        SDVariable q = heads(linear(name + "_q", x, d, d), h, dk);
        SDVariable k = heads(linear(name + "_k", x, d, d), h, dk);
        SDVariable v = heads(linear(name + "_v", x, d, d), h, dk);
        SDVariable scores = sd.mmul(q, k, false, true, false).div(Math.sqrt(dk)); // [N, h, T, T]
        SDVariable probs = dropout(sd.nn().softmax(scores, 3), 2L * cfg.batchSize(), h, tokens, tokens);
        SDVariable o = sd.mmul(probs, v).permute(0, 2, 1, 3).reshape(-1, d);
        return linear(name + "_o", o, d, d);
    }

    private SDVariable heads(SDVariable x, int h, int dk) {
        return x.reshape(-1, tokens, h, dk).permute(0, 2, 1, 3); // [N, h, T, dk]
    }

    /** {@link #dropout(SDVariable, long...)} on token features [N*T, features]. */
    private SDVariable dropoutTokens(SDVariable x, int features) {
        return dropout(x, 2L * cfg.batchSize() * tokens, features);
    }

    /**
     * Inverted dropout as a multiplication with a fresh Bernoulli mask per step: M2.1's dropout op has
     * no backprop ("Not supported"; docs/decisions/samediff-dropout.md). Only the training graph, whose batch (2B) is fixed, has dropout.
     */
    private SDVariable dropout(SDVariable x, long... shape) {
        if (!training || cfg.dropout() == 0) {
            return x;
        }
        double keep = 1 - cfg.dropout();
        return x.mul(sd.random().bernoulli(keep, dtype, shape).div(keep));
    }

    /** PyTorch-default Linear on [N, in] -> [N, out]. */
    private SDVariable linear(String name, SDVariable x, int in, int out) {
        return sd.mmul(x, weight(name, in, out)).add(bias(name, in, out));
    }

    /** PyTorch's default Linear init (kaiming-uniform, a = sqrt 5): U(+-1/sqrt(in)). */
    private SDVariable weight(String name, int in, int out) {
        return param(
                name + "_W", () -> Nd4j.rand(dtype, in, out).muli(2).subi(1).muli(1.0 / Math.sqrt(in)));
    }

    private SDVariable bias(String name, int in, int out) {
        return param(name + "_b", () -> Nd4j.rand(dtype, out).muli(2).subi(1).muli(1.0 / Math.sqrt(in)));
    }

    /**
     * The trainable variable {@code name}, created with {@code init} the first time: building the decoder
     * a second time (from {@link #LATENT_INPUT}) shares the weights and draws no random numbers.
     */
    private SDVariable param(String name, java.util.function.Supplier<INDArray> init) {
        return sd.hasVariable(name) ? sd.getVariable(name) : sd.var(name, init.get());
    }

    /** Linear -> BatchNorm (batch statistics) -> ReLU, ..., Linear -> BatchNorm (docs/METHOD.md §3.3). */
    private SDVariable projection(SDVariable z) {
        SDVariable h = z;
        int in = cfg.latent();
        for (int i = 0; i < cfg.projectionLayers(); i++) {
            boolean last = i == cfg.projectionLayers() - 1;
            int out = last ? cfg.projectionOut() : cfg.projectionHidden();
            h = batchNorm("proj_bn" + i, linear("proj_" + i, h, in, out), out);
            if (!last) {
                h = sd.nn().relu(h, 0);
            }
            in = out;
        }
        return h;
    }

    private SDVariable batchNorm(String name, SDVariable x, int features) {
        int n = 2 * cfg.batchSize();
        SDVariable ones = sd.constant(name + "_ones", Nd4j.ones(dtype, 1, n).divi(n));
        SDVariable mean = sd.mmul(ones, x); // [1, F]
        SDVariable c = x.sub(mean);
        SDVariable var = sd.mmul(ones, c.mul(c)); // biased, as BatchNorm1d in training
        SDVariable g = sd.var(name + "_gamma", Nd4j.ones(dtype, 1, features));
        SDVariable b = sd.var(name + "_beta", Nd4j.zeros(dtype, 1, features));
        return c.div(sd.math().sqrt(var.add(1e-5))).mul(g).add(b);
    }

    /** NT-Xent in the formulation that trains in M2.1 (docs/decisions/samediff-axis-reductions.md). */
    private SDVariable ntXent(SDVariable p, int n) {
        SDVariable ones = sd.constant("ntx_ones", Nd4j.ones(dtype, cfg.projectionOut(), 1));
        SDVariable norm = sd.math().sqrt(sd.mmul(p.mul(p), ones)); // [2B, 1]
        SDVariable pn = p.div(norm);
        INDArray eye = Nd4j.eye(n).castTo(dtype).muli(-1e9);
        INDArray positives = Nd4j.zeros(dtype, n, n);
        for (int r = 0; r < n; r++) {
            positives.putScalar(r, (r + n / 2) % n, 1f);
        }
        SDVariable logits =
                sd.mmul(pn, pn, false, true, false).div(cfg.temperature()).add(sd.constant("ntx_mask", eye));
        SDVariable onesN = sd.constant("ntx_ones_n", Nd4j.ones(dtype, n, 1));
        SDVariable lse = sd.math().log(sd.mmul(sd.math().exp(logits), onesN));
        SDVariable pos = sd.mmul(logits.mul(sd.constant("ntx_pos", positives)), onesN);
        return sd.mean(lse.sub(pos));
    }
}
