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
 * The SameDiff graphs of the latent GAN.
 *
 * <p>Training is one graph with one loss, {@code loss = lossD + lossG}, in which stop-gradients route
 * each term to its own player: the discriminator sees the generated rows through a stop-gradient (so
 * lossD moves only D), and the generator's term runs through a copy of D whose parameters pass a
 * stop-gradient (so lossG moves only G). One {@code fit} step is then a simultaneous update of both
 * players. Two graphs with alternating steps would do the same work in twice the calls, and
 * SameDiff's per-call overhead (~0.3 ms per op, far above the arithmetic of these small MLPs)
 * dominates the training time.
 *
 * <p>Loss: logistic, non-saturating for the generator, with one-sided label smoothing (real target
 * {@value #REAL_TARGET}). With logits l and softplus sp, binary cross-entropy with target t is
 * {@code sp(l) - t l}; D minimises its mean over the real and generated rows (targets t and 0), G
 * minimises {@code mean(sp(-l_fake))}. Only full (dimensionless) means are used: M2.1's dimensioned
 * reductions lose their axis in backprop (STACK-NOTES §1.7).
 */
final class GanGraphs {

    static final String NOISE = "noise";
    static final String REAL = "real";
    static final String SAMPLE = "sample";
    static final String LOSS = "loss";
    static final String LOSS_DISCRIMINATOR = "loss_d";
    static final String LOSS_GENERATOR = "loss_g";
    /** Slope of LeakyReLU for negative inputs, in both networks. */
    static final double LEAKY_SLOPE = 0.2;
    /** Target of real rows in the discriminator loss (one-sided label smoothing). */
    static final double REAL_TARGET = 0.9;

    private GanGraphs() {
    }

    /**
     * The training graph for batches of {@code batchSize} real rows ({@link #REAL}) and as many noise
     * rows ({@link #NOISE}); parameters are variables initialised from {@code init}.
     */
    static SameDiff training(Mlp generator, Mlp discriminator, Map<String, INDArray> init, int batchSize) {
        SameDiff sd = SameDiff.create();
        SDVariable real = sd.placeHolder(REAL, DataType.FLOAT, batchSize, discriminator.inputs());
        SDVariable fake = forward(sd, generator, noise(sd, generator), name -> sd.var(name, init.get(name)));
        Map<String, SDVariable> frozen = new HashMap<>();

        SDVariable both = sd.concat(0, real, stopGradient(sd, fake));
        SDVariable logits = forward(sd, discriminator, both, name -> sd.var(name, init.get(name)));
        float[] targets = new float[2 * batchSize];
        Arrays.fill(targets, 0, batchSize, (float) REAL_TARGET);
        SDVariable t = sd.constant("targets", Nd4j.create(targets, new long[] {2L * batchSize, 1}, 'c'));
        SDVariable lossD = sd.mean(LOSS_DISCRIMINATOR, softplus(sd, logits).sub(logits.mul(t)));

        SDVariable fakeLogits = forward(sd, discriminator, fake,
                name -> frozen.computeIfAbsent(name, n -> stopGradient(sd, sd.getVariable(n))));
        SDVariable lossG = sd.mean(LOSS_GENERATOR, softplus(sd, fakeLogits.neg()));
        lossD.add(LOSS, lossG);
        sd.setLossVariables(LOSS);
        return sd;
    }

    /** The generator alone with fixed parameters: {@link #NOISE} -> {@link #SAMPLE}. */
    static SameDiff generator(Mlp generator, Map<String, INDArray> parameters) {
        SameDiff sd = SameDiff.create();
        sd.identity(SAMPLE, forward(sd, generator, noise(sd, generator), name -> sd.constant(name, parameters.get(name))));
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

    /** log(1 + e^x) as relu(x) + log1p(e^-|x|): no overflow for large logits. */
    private static SDVariable softplus(SameDiff sd, SDVariable x) {
        return sd.nn.relu(x, 0).add(sd.math.log1p(sd.math.exp(sd.math.abs(x).neg())));
    }
}
