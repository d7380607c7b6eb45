package io.hyperrep.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.ml.cnn.BlockedPopulationEvaluator;
import io.hyperrep.ml.cnn.Evaluation;
import io.hyperrep.ml.cnn.PopulationEvaluator;
import io.hyperrep.ml.nd.Backend;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A zoo committed under {@code data/}: complete, in the canonical layout, and its recorded accuracies
 * are what its weights give on the real Fashion-MNIST test set. One subclass per bundled zoo.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BundledZooChecks {

    ZooDirectory zoo;
    Architecture arch;
    /** model -> epoch -> recorded test accuracy, from metrics/. */
    Map<String, Map<Integer, Double>> testAcc;

    int lastEpoch;

    /** The zoo's directory, relative to the module. */
    abstract Path dir();

    @BeforeAll
    void open() {
        Path dir = dir();
        zoo = ZooDirectory.open(dir);
        arch = Architectures.byId(zoo.spec().recipe().arch());
        testAcc = new TreeMap<>();
        for (String row : zoo.metricRows().subList(1, zoo.metricRows().size())) {
            String[] f = row.split(",");
            testAcc.computeIfAbsent(f[0], k -> new TreeMap<>()).put(Integer.parseInt(f[1]), Double.parseDouble(f[5]));
        }
        lastEpoch = testAcc.values().stream()
                .mapToInt(m -> ((TreeMap<Integer, Double>) m).lastKey())
                .min()
                .orElseThrow();
    }

    @Test
    void shouldHoldEveryKeptEpochOfEveryModelInTheCanonicalLayout() {
        assertEquals(zoo.spec().models(), testAcc.size(), "models with metrics");
        List<Checkpoint> all = zoo.readAll(); // decoding checks each file's sha256 and weight count
        List<Integer> kept =
                zoo.spec().keepEpochs().stream().filter(e -> e <= lastEpoch).toList();
        assertEquals(zoo.spec().models() * kept.size(), all.size(), "one checkpoint per model and kept epoch " + kept);
        for (Checkpoint c : all) {
            c.requireFits(arch);
            assertEquals("c023913a4ae12aa9", c.layoutHash(), "CNN-s layout hash of " + c.key());
            assertEquals(2464, c.weights().length);
            for (float w : c.weights()) {
                assertTrue(Float.isFinite(w), c.key() + " has a non-finite weight");
            }
            assertEquals(testAcc.get(c.modelId()).get(c.epoch()), c.metrics().testAcc(), 1e-6, "metrics of " + c.key());
        }
    }

    @Test
    void shouldHaveTrainedEveryModelForEveryPlannedEpoch() {
        assertEquals(zoo.spec().epochs(), lastEpoch, "last epoch with metrics for every model");
    }

    @Test
    void shouldReachTheZooQualityTargetAtItsLastEpoch() {
        double mean = testAcc.values().stream()
                .mapToDouble(m -> m.get(lastEpoch))
                .average()
                .orElseThrow();
        assertTrue(mean >= 0.80, "mean test accuracy at epoch " + lastEpoch + " is " + mean);
    }

    @Test
    void shouldReproduceTheRecordedTestAccuracyFromTheWeights() {
        Backend.init();
        ZooRecipe recipe = zoo.spec().recipe();
        ImageSet test = Datasets.load(recipe.dataset(), null).test();
        List<Checkpoint> last =
                zoo.readAll().stream().filter(c -> c.epoch() == lastEpoch).collect(Collectors.toList());
        float[][] w = last.stream().map(Checkpoint::weights).toArray(float[][]::new);

        Evaluation blocked =
                BlockedPopulationEvaluator.perCore(arch, recipe.activation()).evaluate(w, test, recipe.normalization());
        float[][] few = {w[0], w[1], w[2]};
        Evaluation graph =
                new PopulationEvaluator(arch, recipe.activation()).evaluate(few, test, recipe.normalization());

        for (int i = 0; i < last.size(); i++) {
            double recorded = last.get(i).metrics().testAcc();
            // the zoo was scored by the SameDiff graph; the float kernel may flip a near-tie or two
            assertEquals(
                    recorded,
                    blocked.accuracy()[i],
                    2e-4,
                    "blocked kernel on " + last.get(i).key());
            if (i < few.length) {
                // the kernel-trained zoo was scored in float by the kernel: the graph may flip a near-tie too
                assertEquals(
                        recorded,
                        graph.accuracy()[i],
                        2e-4,
                        "SameDiff graph on " + last.get(i).key());
            }
        }
    }
}
