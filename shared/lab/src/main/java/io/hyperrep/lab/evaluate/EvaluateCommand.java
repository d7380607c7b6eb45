package io.hyperrep.lab.evaluate;

import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.novelty.NoveltyGate;
import io.hyperrep.core.sample.AnchorSelection;
import io.hyperrep.lab.cli.EpochWindowOption;
import io.hyperrep.ml.cnn.TrainerKind;
import io.hyperrep.ml.nd.Backend;
import io.hyperrep.report.ProgressBar;
import io.hyperrep.zoo.ZooDirectory;
import io.hyperrep.zoo.ZooSpec;
import io.hyperrep.zoo.eval.EvaluationListener;
import io.hyperrep.zoo.eval.EvaluationPlan;
import io.hyperrep.zoo.eval.EvaluationResults;
import io.hyperrep.zoo.eval.EvaluationRun;
import io.hyperrep.zoo.eval.Population;
import io.hyperrep.zoo.eval.PopulationResult;
import io.hyperrep.zoo.eval.SampleDirectory;
import io.hyperrep.zoo.eval.ZooReference;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hyperrep evaluate}: generated populations against B_T, B_F, noise baselines and the anchors
 * of a zoo, written up as a report directory.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Evaluate generated models against baselines (B_T, B_F, anchors + noise, anchors): accuracy at epoch 0 "
                    + "and while fine-tuning (samples, B_T, B_F), transfer, softmax ensembles and novelty against the zoo's training split; "
                    + "samples vs B_T and B_F after fine-tuning (Mann-Whitney, Holm, Hodges-Lehmann) and a Targets section.",
            "Writes REPORT.md with tables and SVG plots, results.json and CSVs into --report."
        })
public final class EvaluateCommand implements Callable<Integer> {

    // Kept apart (duplicates): each option is this command's own (name, default, description); other commands'
    // options share only picocli's declaration shape, and a shared mixin would change their --help text.
    @Option(
            names = "--zoo",
            required = true,
            description = "Zoo directory the generator was trained on (from 'hyperrep zoo train').")
    Path zoo;

    @Option(
            names = "--samples",
            required = true,
            description =
                    "Directory of generated checkpoint JSON files (searched recursively); "
                            + "repeat for several populations. Name: population.json/manifest.json 'name', else the directory name.")
    List<Path> samples;

    @Option(
            names = "--finetune-epochs",
            defaultValue = "5",
            description = "Fine-tuning epochs after the epoch-0 evaluation. Default: ${DEFAULT-VALUE}.")
    int finetuneEpochs;

    @Option(names = "--report", required = true, description = "Output directory for REPORT.md, plots and results.")
    Path report;

    @Option(
            names = "--transfer",
            split = ",",
            defaultValue = "fashion-mnist-rot90",
            description = "Transfer tasks (dataset ids), or 'none'. Default: ${DEFAULT-VALUE}.")
    List<String> transfer;

    @Option(
            names = "--max-models",
            defaultValue = "25",
            description = "Models per population at most; baselines get as many as the largest "
                    + "sample population. Default: ${DEFAULT-VALUE}.")
    int maxModels;

    @Option(
            names = "--finetune-models",
            description =
                    "Models fine-tuned per population (the first N of samples, B_T and B_F); "
                            + "epoch-0 accuracy and novelty use every model, noise populations and anchors are never fine-tuned. Default: as --max-models.")
    Integer finetuneModels;

    @Option(
            names = "--novelty-gate",
            description = "Reject generated models whose nearest-training distance, relative to the median "
                    + "train->train distance, is below this (e.g. 0.5). Default: off.")
    Double noveltyGate;

    @Option(
            names = "--finetune-images",
            defaultValue = "0",
            description = "Training images per fine-tuning epoch (first N of the split; "
                    + "0 = all 50,000). Default: ${DEFAULT-VALUE}.")
    int finetuneImages;

    @Option(
            names = "--test-images",
            defaultValue = "0",
            description = "Test images per evaluation (first N; 0 = all 10,000). Default: ${DEFAULT-VALUE}.")
    int testImages;

    @Option(
            names = "--ensemble-sizes",
            split = ",",
            defaultValue = "1,5,10",
            description = "Ensemble sizes k. Default: ${DEFAULT-VALUE}.")
    List<Integer> ensembleSizes;

    @Option(
            names = "--noise-sigmas",
            split = ",",
            defaultValue = "0.02,0.04",
            description = "Noise baselines' sigmas. Default: ${DEFAULT-VALUE}.")
    List<Double> noiseSigmas;

    @Option(
            names = "--anchor-metric",
            defaultValue = "validation",
            description = "Rank anchors (top 30%%) by validation or test accuracy "
                    + "(test: the original, with test leakage). Default: ${DEFAULT-VALUE}.")
    String anchorMetric;

    @Option(
            names = "--epoch-window",
            description =
                    "Zoo epochs of the training split, e.g. 4-8. Default: the kept epochs except 0 (as hyper train).")
    String epochWindow;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of subsets, noise, ensembles and bootstrap. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--group-size",
            defaultValue = "50",
            description = "Models fine-tuned together in one population graph. Default: ${DEFAULT-VALUE}.")
    int groupSize;

    @Option(
            names = "--workers",
            description = "Groups fine-tuned concurrently, each with its own thread. Default: the number of cores.")
    Integer workers;

    @Option(
            names = "--trainer",
            paramLabel = "kernel|samediff",
            description = "What fine-tunes: kernel (the Java Vector API training kernel, CPU) or samediff (population "
                    + "graphs; GPU). Default: kernel on a CPU backend.")
    String trainer;

    @Option(
            names = "--data-dir",
            description =
                    "Fashion-MNIST directory. Default: $HYPERREP_FASHION_MNIST_DIR or /usr/share/datasets/fashion-mnist.")
    Path dataDir;

    /** Where progress and the summary go; tests replace it (SameDiff's stdout filter bypasses Surefire's capture). */
    PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        int w = workers != null ? workers : Math.max(1, cores);
        List<String> tasks = transfer.size() == 1 && transfer.get(0).equals("none") ? List.of() : transfer;
        EvaluationPlan plan = EvaluationPlan.builder()
                .finetuneEpochs(finetuneEpochs)
                .transferTasks(tasks)
                .ensembleSizes(ensembleSizes)
                .seed(seed)
                .noveltyGate(noveltyGate == null ? null : new NoveltyGate(noveltyGate))
                .maxModels(maxModels)
                .finetuneImages(finetuneImages)
                .testImages(testImages)
                .noiseSigmas(noiseSigmas)
                .anchors(new AnchorSelection(
                        AnchorSelection.Metric.parse(anchorMetric), AnchorSelection.DEFAULT_TOP_FRACTION))
                .groupSize(groupSize)
                .workers(w)
                .trainer(trainer == null ? null : TrainerKind.parse(trainer))
                .finetuneModels(finetuneModels == null ? 0 : finetuneModels)
                .build();
        ZooDirectory dir = ZooDirectory.open(zoo);
        ZooReference reference = ZooReference.load(dir, window(dir.spec()));
        List<Population> pops = new ArrayList<>();
        for (Path s : samples) {
            pops.add(SampleDirectory.read(s, reference.arch()));
        }
        Backend.threadsPerOp(Math.max(1, cores / w));
        out.println("hyperrep: " + Backend.init() + ", " + w + " worker(s), fine-tuning on "
                + TrainerKind.orDefault(plan.trainer(), dir.spec().recipe()).id());
        out.printf(
                Locale.ROOT,
                "zoo %s: training split of %d checkpoints (%d models, epochs %d-%d); %d sample population(s): %s%n",
                reference.spec().zooId(),
                reference.train().size(),
                reference.trainModels(),
                reference.firstEpoch(),
                reference.lastEpoch(),
                pops.size(),
                String.join(
                        ", ",
                        pops.stream().map(p -> p.name() + " (" + p.size() + ")").toList()));
        BarListener bars = new BarListener(out);
        EvaluationResults results =
                new EvaluationRun(reference, plan, id -> Datasets.load(id, dataDir), bars).run(pops);
        bars.close();
        Path md = new ReportWriter().write(results, report);
        for (PopulationResult p : results.populations()) {
            var c = p.curve(results.task());
            String tuned = c.lastEpoch() == 0
                    ? ""
                    : String.format(
                            Locale.ROOT,
                            ", epoch %d %6.2f%% (%d models)",
                            c.lastEpoch(),
                            100 * c.means()[c.lastEpoch()],
                            c.at(c.lastEpoch()).length);
            out.printf(
                    Locale.ROOT,
                    "  %-14s %3d models: epoch 0 %6.2f%%%s, novelty mean %.3f%n",
                    p.name(),
                    p.size(),
                    100 * c.means()[0],
                    tuned,
                    p.novelty().meanRatio());
        }
        out.println("report written to " + md.toAbsolutePath());
        return 0;
    }

    private int[] window(ZooSpec spec) {
        if (epochWindow == null) {
            return ZooReference.defaultWindow(spec);
        }
        return EpochWindowOption.bounds(epochWindow);
    }

    /** One progress bar per stage of the run. */
    static final class BarListener implements EvaluationListener {
        private final PrintStream out;
        private ProgressBar bar;
        private String stage;

        BarListener(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void stage(String name, double total) {
            close();
            out.println(name + ":");
            stage = name;
            bar = new ProgressBar(out, "model-epochs");
            bar.total(Math.max(1, Math.round(total)), 0);
        }

        @Override
        public synchronized void progress(double done, String note) {
            bar.update(done, note);
        }

        synchronized void close() {
            if (bar != null) {
                bar.finish("  " + stage + " done");
                bar = null;
            }
        }
    }
}
