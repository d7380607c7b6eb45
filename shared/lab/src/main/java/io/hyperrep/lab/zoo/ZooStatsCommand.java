package io.hyperrep.lab.zoo;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageSet;
import io.hyperrep.core.stats.Summary;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.ZooDiversity;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.ml.cnn.BlockedPopulationEvaluator;
import io.hyperrep.ml.cnn.Evaluation;
import io.hyperrep.ml.nd.Backend;
import io.hyperrep.report.plot.SvgLineChart;
import io.hyperrep.zoo.ZooDirectory;
import io.hyperrep.zoo.ZooSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hyperrep zoo stats}: accuracy statistics per epoch as a Markdown table, and a plot. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description =
                "Print the zoo's accuracy statistics per epoch (Markdown) and optionally plot its learning curves (SVG).")
public final class ZooStatsCommand implements Callable<Integer> {

    // Kept apart (duplicates): each option is this command's own (name, default, description); other commands'
    // options share only picocli's declaration shape, and a shared mixin would change their --help text.
    @Option(names = "--from", required = true, description = "Zoo directory.")
    Path from;

    @Option(
            names = "--plot",
            description = "Write an SVG of test accuracy per epoch (every model, mean, min-max band).")
    Path plot;

    @Option(
            names = "--diversity",
            description =
                    "Also measure how different the models are at the last kept epoch: pairwise weight"
                            + " distance and, on the test set, prediction disagreement and error-set IoU (evaluates every model).")
    boolean diversity;

    @Option(
            names = "--data-dir",
            description = "Image directory for --diversity. Default: the dataset's standard location.")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        ZooDirectory dir = ZooDirectory.open(from);
        ZooSpec spec = dir.spec();
        Map<Integer, List<Double>> test = new TreeMap<>();
        Map<Integer, List<Double>> val = new TreeMap<>();
        Map<String, Map<Integer, Double>> perModel = new TreeMap<>();
        List<String> rows = dir.metricRows();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            int epoch = Integer.parseInt(f[1]);
            double t = Double.parseDouble(f[5]);
            test.computeIfAbsent(epoch, e -> new ArrayList<>()).add(t);
            val.computeIfAbsent(epoch, e -> new ArrayList<>()).add(Double.parseDouble(f[4]));
            perModel.computeIfAbsent(f[0], m -> new TreeMap<>()).put(epoch, t);
        }
        if (test.isEmpty()) {
            throw new IllegalArgumentException(from + " has no metrics yet");
        }
        System.out.printf(
                Locale.ROOT,
                "Zoo `%s`: %d %s models, %s, recipe batch %d, lr %.0e, init %s; kept epochs %s.%n%n",
                spec.zooId(),
                spec.models(),
                spec.recipe().arch(),
                spec.recipe().dataset(),
                spec.recipe().batchSize(),
                spec.recipe().learningRate(),
                spec.recipe().init().id(),
                spec.keepEpochs());
        System.out.println("| epoch | models | test acc mean | std | min | median | max | val acc mean |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var e : test.entrySet()) {
            Summary s = Summary.of(
                    e.getValue().stream().mapToDouble(Double::doubleValue).toArray());
            Summary v = Summary.of(val.get(e.getKey()).stream()
                    .mapToDouble(Double::doubleValue)
                    .toArray());
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %d | %.2f%% | %.2f | %.2f%% | %.2f%% | %.2f%% | %.2f%% |%n",
                    e.getKey(),
                    s.n(),
                    100 * s.mean(),
                    100 * s.std(),
                    100 * s.min(),
                    100 * s.median(),
                    100 * s.max(),
                    100 * v.mean());
        }
        if (diversity) {
            printDiversity(dir, spec);
        }
        if (plot != null) {
            SvgLineChart chart =
                    new SvgLineChart("Zoo " + spec.zooId() + ": test accuracy per epoch", "epoch", "test accuracy");
            for (Map<Integer, Double> curve : perModel.values()) {
                chart.background(
                        curve.keySet().stream()
                                .mapToDouble(Integer::doubleValue)
                                .toArray(),
                        curve.values().stream().mapToDouble(Double::doubleValue).toArray(),
                        "#4477aa");
            }
            double[] x =
                    test.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] lo = test.values().stream()
                    .mapToDouble(l ->
                            l.stream().mapToDouble(Double::doubleValue).min().orElse(0))
                    .toArray();
            double[] hi = test.values().stream()
                    .mapToDouble(l ->
                            l.stream().mapToDouble(Double::doubleValue).max().orElse(0))
                    .toArray();
            double[] mean = test.values().stream()
                    .mapToDouble(l -> l.stream()
                            .mapToDouble(Double::doubleValue)
                            .average()
                            .orElse(0))
                    .toArray();
            chart.band(x, lo, hi, "#cc6677", "min-max over models");
            chart.line(x, mean, "#cc3311", "mean of " + perModel.size() + " models");
            Path parent = plot.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(plot, chart.render(), StandardCharsets.UTF_8);
            System.out.println();
            System.out.println("plot written to " + plot);
        }
        return 0;
    }

    private void printDiversity(ZooDirectory dir, ZooSpec spec) {
        List<Checkpoint> all = dir.readAll();
        int last = all.stream()
                .mapToInt(Checkpoint::epoch)
                .max()
                .orElseThrow(() -> new IllegalArgumentException(from + " has no checkpoints"));
        List<Checkpoint> models = all.stream().filter(c -> c.epoch() == last).toList();
        float[][] w = models.stream().map(Checkpoint::weights).toArray(float[][]::new);
        ZooRecipe recipe = spec.recipe();
        ImageSet test = Datasets.load(recipe.dataset(), dataDir).test();
        Architecture arch = Architectures.byId(recipe.arch());
        Backend.init();
        Evaluation ev;
        try (BlockedPopulationEvaluator evaluator = BlockedPopulationEvaluator.perCore(arch, recipe.activation())) {
            ev = evaluator.evaluate(w, test, recipe.normalization(), true, false);
        }
        List<int[]> predictions = new ArrayList<>();
        for (byte[] p : ev.predictions()) {
            int[] q = new int[p.length];
            for (int i = 0; i < p.length; i++) {
                q[i] = p[i];
            }
            predictions.add(q);
        }
        int[] labels = new int[test.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = test.label(i);
        }
        ZooDiversity d = ZooDiversity.of(w, predictions, labels);
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Diversity at epoch %d (%d models, every pair; %d test images):%n%n",
                last,
                d.models(),
                labels.length);
        System.out.println(
                "| mean pairwise L2 distance | mean weight norm | distance / norm | mean distance to the zoo mean "
                        + "| prediction disagreement | error-set IoU |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        System.out.printf(
                Locale.ROOT,
                "| %.3f | %.3f | %.3f | %.3f | %.2f%% | %.3f |%n",
                d.meanPairwiseDistance(),
                d.meanNorm(),
                d.meanPairwiseDistance() / d.meanNorm(),
                d.meanDistanceToMean(),
                100 * d.meanDisagreement(),
                d.meanErrorSetIoU());
    }
}
