package io.hyperrep.ml.nd;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.ml.cnn.Evaluation;
import io.hyperrep.ml.cnn.PopulationEvaluator;
import io.hyperrep.ml.cnn.PopulationTrainer;
import io.hyperrep.ml.cnn.StepListener;

/**
 * A small real workload on whatever native build this JVM chose: 60 SameDiff training steps of two
 * zoo CNNs on Fashion-MNIST (convolutions, pooling, Adam: the oneDNN paths) and their test accuracy.
 * Run in a child JVM by {@link PortableNativeBuildTest}; prints {@code build=...} and the results.
 */
public final class NativeBuildProbe {

    private NativeBuildProbe() {}

    public static void main(String[] args) {
        Backend.init();
        Result r = run();
        System.out.println("build=" + Backend.loadedNativeBuild().orElse("?"));
        System.out.println("accuracy=" + r.accuracy()[0] + "," + r.accuracy()[1]);
        System.out.println("weights=" + r.weightSum());
    }

    record Result(double[] accuracy, double weightSum) {}

    static Result run() {
        ZooRecipe recipe = ZooRecipe.fashionMnistDefault();
        ImageDataset data = Datasets.load("fashion-mnist", null);
        PopulationTrainer trainer = PopulationTrainer.create(recipe, new long[] {7, 8});
        trainer.trainEpoch(data.train().head(600), 60, StepListener.NONE);
        float[][] w = trainer.weights();
        Evaluation e = new PopulationEvaluator(Architectures.CNN_S, recipe.activation())
                .evaluate(w, data.test().head(1000), recipe.normalization());
        double sum = 0;
        for (float[] model : w) {
            for (float v : model) {
                sum += Math.abs(v);
            }
        }
        return new Result(e.accuracy(), sum);
    }
}
