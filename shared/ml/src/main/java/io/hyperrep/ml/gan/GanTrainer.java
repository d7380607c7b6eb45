package io.hyperrep.ml.gan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Trains the latent GAN on (standardized) rows: every step draws a batch of real rows with
 * replacement and a batch of noise, and updates both players at once ({@link GanGraphs#training}).
 * Every random number (initial weights, batches, noise) comes from one {@link SplittableRandom}
 * seeded by the caller, so a run is reproducible on the same backend.
 */
final class GanTrainer {

    /** Adam's beta1 of DCGAN and most GAN recipes: momentum 0.9 makes the two-player game oscillate. */
    private static final double BETA1 = 0.5;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    /** Batches the final losses are averaged over. */
    private static final int EVALUATION_BATCHES = 10;

    private final GanConfig cfg;

    GanTrainer(GanConfig cfg) {
        this.cfg = cfg;
    }

    /** The trained generator's parameters and how the training ended. */
    record Result(Mlp generator, Map<String, INDArray> generatorParameters, GanTrainingSummary summary) {
    }

    Result train(float[][] rows, long seed) {
        int dim = rows[0].length;
        Mlp gen = Mlp.generator(cfg, dim);
        Mlp dis = Mlp.discriminator(cfg, dim);
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom init = root.split();
        SplittableRandom draws = root.split();
        Map<String, INDArray> initial = new LinkedHashMap<>(gen.initialParameters(init));
        initial.putAll(dis.initialParameters(init));
        SameDiff sd = GanGraphs.training(gen, dis, initial, cfg.batchSize());
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(cfg.learningRate(), BETA1, BETA2, EPSILON))
                .dataSetFeatureMapping(GanGraphs.REAL, GanGraphs.NOISE).markLabelsUnused()
                .minimize(GanGraphs.LOSS).build());

        for (int step = 0; step < cfg.steps(); step++) {
            sd.fit(new MultiDataSet(new INDArray[] {batch(rows, draws), noise(gen.inputs(), draws)}, new INDArray[0]));
        }
        Map<String, INDArray> trained = new LinkedHashMap<>();
        for (String name : gen.parameterNames()) {
            trained.put(name, sd.getVariable(name).getArr().dup());
        }
        return new Result(gen, trained, summary(sd, rows, gen, draws));
    }

    private GanTrainingSummary summary(SameDiff sd, float[][] rows, Mlp gen, SplittableRandom draws) {
        double lossD = 0;
        double lossG = 0;
        for (int i = 0; i < EVALUATION_BATCHES; i++) {
            Map<String, INDArray> out = sd.output(Map.of(GanGraphs.REAL, batch(rows, draws), GanGraphs.NOISE, noise(gen.inputs(), draws)),
                    GanGraphs.LOSS_DISCRIMINATOR, GanGraphs.LOSS_GENERATOR);
            lossD += out.get(GanGraphs.LOSS_DISCRIMINATOR).getDouble(0) / EVALUATION_BATCHES;
            lossG += out.get(GanGraphs.LOSS_GENERATOR).getDouble(0) / EVALUATION_BATCHES;
        }
        if (!Double.isFinite(lossD) || !Double.isFinite(lossG)) {
            throw new IllegalStateException("GAN training diverged: discriminator loss " + lossD + ", generator loss " + lossG);
        }
        return new GanTrainingSummary(cfg.steps(), lossD, lossG);
    }

    private INDArray batch(float[][] rows, SplittableRandom rnd) {
        int dim = rows[0].length;
        float[] b = new float[cfg.batchSize() * dim];
        for (int i = 0; i < cfg.batchSize(); i++) {
            System.arraycopy(rows[rnd.nextInt(rows.length)], 0, b, i * dim, dim);
        }
        return Nd4j.create(b, new long[] {cfg.batchSize(), dim}, 'c');
    }

    private INDArray noise(int noiseDim, SplittableRandom rnd) {
        return GanNoise.standardNormal(cfg.batchSize(), noiseDim, rnd);
    }
}
