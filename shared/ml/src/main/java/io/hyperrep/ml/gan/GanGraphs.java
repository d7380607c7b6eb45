package io.hyperrep.ml.gan;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff graphs of the latent GAN: one training graph (both players) and one sampling graph
 * (the generator alone). Each is built once; steps and draws only change placeholder values.
 *
 * <p>Training has a single loss, {@code loss = lossD + lossG}, with stop-gradients routing each term
 * to its own player: the discriminator sees the generated rows through a stop-gradient (lossD moves
 * only D), and the generator's term runs through a second pass of D whose parameters sit behind
 * stop-gradients (lossG moves only G). One optimiser step is then a simultaneous update of both
 * players; alternating steps on two graphs would take twice the graph executions, and SameDiff's
 * per-op overhead, not arithmetic, is what a step of these small MLPs costs.
 *
 * <p>Packing (PacGAN): D scores {@code pack} rows at once, reshaped side by side into one input of
 * {@code pack * dim} values; real rows are packed with real rows, generated with generated.
 *
 * <p>Loss: logistic; {@code softplus(l) - t l} is binary cross-entropy on logit {@code l} with target
 * {@code t}. D minimises its mean over real packs (target {@value #REAL_TARGET}, one-sided label
 * smoothing) and generated packs (target 0); G minimises the non-saturating {@code mean(softplus(-l_fake))}.
 * ND4J's softplus op computes {@code log(1 + e^x)} and overflows to infinity for logits above ~88; its
 * gradient (the sigmoid) does not, so training is unaffected and only a reported loss would be:
 * {@link GanTrainer} computes the losses it reports in Java from the logits. The stable form
 * {@code relu(x) + log1p(exp(-|x|))} would make the gradient graph 116 ops instead of 90, and ops,
 * not arithmetic, are what a step costs. Only full means are used: M2.1's dimensioned reductions lose their axis in backprop
 * (docs/decisions/samediff-axis-reductions.md).
 */
final class GanGraphs {

    static final String NOISE = "noise";
    static final String REAL = "real";
    static final String SAMPLE = "sample";
    static final String LOSS = "loss";
    /** D's logits on the packs of real rows followed by the packs of generated rows. */
    static final String LOGITS = "logits";
    /** Slope of LeakyReLU for negative inputs, in both networks. */
    static final double LEAKY_SLOPE = 0.2;
    /** Target of real rows in the discriminator loss (one-sided label smoothing). */
    static final double REAL_TARGET = 0.9;

    private GanGraphs() {}

    /**
     * The training graph for batches of {@code batchSize} real rows ({@link #REAL}) and as many noise
     * rows ({@link #NOISE}), D scoring {@code pack} rows at once ({@code batchSize} a multiple of it);
     * the parameters are variables initialised from {@code init}.
     */
    static SameDiff training(Mlp generator, Mlp discriminator, Map<String, INDArray> init, int batchSize, int pack) {
        int dim = generator.outputs();
        if (batchSize % pack != 0 || discriminator.inputs() != pack * dim) {
            throw new IllegalArgumentException(
                    "a batch of " + batchSize + " rows of dimension " + dim + " cannot be packed by " + pack
                            + " for a discriminator with " + discriminator.inputs() + " inputs");
        }
        SameDiff sd = SameDiff.create();
        SDVariable real = sd.placeHolder(REAL, DataType.FLOAT, batchSize, dim);
        SDVariable fake = forward(sd, generator, noise(sd, generator), name -> sd.var(name, init.get(name)));

        int packs = batchSize / pack;
        SDVariable both = sd.concat(0, real, stopGradient(sd, fake)).reshape(2L * packs, (long) pack * dim);
        SDVariable logits = sd.identity(LOGITS, forward(sd, discriminator, both, name -> sd.var(name, init.get(name))));
        float[] targets = new float[2 * packs];
        Arrays.fill(targets, 0, packs, (float) REAL_TARGET);
        SDVariable t = sd.constant("targets", Nd4j.create(targets, new long[] {2L * packs, 1}, 'c'));
        SDVariable lossD = sd.mean(sd.nn.softplus(logits).sub(logits.mul(t)));

        Map<String, SDVariable> frozen = new HashMap<>();
        SDVariable fakeLogits = forward(
                sd,
                discriminator,
                fake.reshape(packs, (long) pack * dim),
                name -> frozen.computeIfAbsent(name, n -> stopGradient(sd, sd.getVariable(n))));
        SDVariable lossG = sd.mean(sd.nn.softplus(fakeLogits.neg()));
        lossD.add(LOSS, lossG);
        sd.setLossVariables(LOSS);
        return sd;
    }

    /** The generator alone with fixed parameters: {@link #NOISE} -> {@link #SAMPLE}, any number of rows. */
    static SameDiff generator(Mlp generator, Map<String, INDArray> parameters) {
        SameDiff sd = SameDiff.create();
        sd.identity(
                SAMPLE, forward(sd, generator, noise(sd, generator), name -> sd.constant(name, parameters.get(name))));
        return sd;
    }

    private static SDVariable noise(SameDiff sd, Mlp generator) {
        return sd.placeHolder(NOISE, DataType.FLOAT, -1, generator.inputs());
    }

    /** The MLP applied to {@code x}: LeakyReLU after every layer but the last. */
    private static SDVariable forward(SameDiff sd, Mlp mlp, SDVariable x, Function<String, SDVariable> parameter) {
        SDVariable h = x;
        for (int l = 0; l < mlp.layers(); l++) {
            h = sd.mmul(h, parameter.apply(mlp.weightName(l))).add(parameter.apply(mlp.biasName(l)));
            if (l < mlp.layers() - 1) {
                h = sd.nn.leakyRelu(h, LEAKY_SLOPE);
            }
        }
        return h;
    }

    private static SDVariable stopGradient(SameDiff sd, SDVariable x) {
        return new StopGradient(sd, x).outputVariable();
    }
}
