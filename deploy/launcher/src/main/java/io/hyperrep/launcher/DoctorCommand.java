package io.hyperrep.launcher;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.platform.CpuFeatures;
import io.hyperrep.core.platform.NativeBuildChoice;
import io.hyperrep.core.platform.NativeBuildGuard;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.ml.cnn.Evaluation;
import io.hyperrep.ml.cnn.PopulationEvaluator;
import io.hyperrep.ml.cnn.PopulationTrainer;
import io.hyperrep.ml.cnn.StepListener;
import io.hyperrep.ml.nd.Backend;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hyperrep doctor}: what this machine runs hyperrep on, checked by running it. For operators
 * with mixed fleets (AVX2 and AVX-512 nodes, arm64): the chosen ND4J build and why, the build really
 * loaded, the Vector API's vector width, and a small real training workload on that build.
 */
// Kept apart (duplicates): picocli's @Command header has this shape in every command; each one's text says what it
// does.
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description =
                "Show the CPU, the ND4J native build chosen for it (and why), the Vector API width, and run a small training check.")
public final class DoctorCommand implements Callable<Integer> {

    @Option(
            names = "--data-dir",
            description = "Fashion-MNIST IDX directory (default: $HYPERREP_FASHION_MNIST_DIR or Debian's).")
    Path dataDir;

    @Override
    public Integer call() {
        CpuFeatures cpu = CpuFeatures.ofThisMachine();
        NativeBuildChoice choice = NativeBuildGuard.apply();
        System.out.println("cpu:          " + cpu.summary());
        System.out.println("nd4j chosen:  " + choice.describe());
        System.out.println("vector api:   " + vectorApi());
        Backend.init();
        String loaded = Backend.loadedNativeBuild().orElse("?");
        System.out.println("nd4j loaded:  " + loaded);
        long start = System.nanoTime();
        ZooRecipe recipe = ZooRecipe.fashionMnistDefault();
        ImageDataset data = Datasets.load(recipe.dataset(), dataDir);
        PopulationTrainer trainer = PopulationTrainer.create(recipe, new long[] {1, 2});
        trainer.trainEpoch(data.train().head(1000), 100, StepListener.NONE);
        Evaluation e = new PopulationEvaluator(Architectures.CNN_S, recipe.activation())
                .evaluate(trainer.weights(), data.test().head(1000), recipe.normalization());
        System.out.printf(
                "training:     2 CNN-s x 100 steps of 10 images, test accuracy %.3f / %.3f (chance 0.1), %.1f s%n",
                e.accuracy()[0], e.accuracy()[1], (System.nanoTime() - start) / 1e9);
        boolean ok = (loaded.equals(choice.classifier()) || loaded.equals("?"))
                && e.accuracy()[0] > 0.2
                && e.accuracy()[1] > 0.2;
        System.out.println(
                ok ? "ok" : "NOT OK: the loaded build differs from the chosen one or the check did not learn");
        return ok ? 0 : 1;
    }

    private static String vectorApi() {
        try {
            int bits = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
            return bits + "-bit float vectors (" + (bits / 32) + " lanes)";
        } catch (NoClassDefFoundError e) {
            return "not enabled (run with --add-modules jdk.incubator.vector, as ./hyperrep does): evaluation falls back to slower paths";
        }
    }
}
