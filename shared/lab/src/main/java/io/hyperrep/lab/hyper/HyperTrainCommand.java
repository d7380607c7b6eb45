package io.hyperrep.lab.hyper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.hyper.CheckpointDataset;
import io.hyperrep.core.io.AtomicFiles;
import io.hyperrep.core.io.PortablePaths;
import io.hyperrep.core.stats.Summary;
import io.hyperrep.core.token.Augmentation;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.lab.cli.EpochWindowOption;
import io.hyperrep.ml.cnn.BlockedPopulationEvaluator;
import io.hyperrep.ml.hyper.AutoencoderConfig;
import io.hyperrep.ml.hyper.AutoencoderConfigJson;
import io.hyperrep.ml.hyper.EpochResult;
import io.hyperrep.ml.hyper.HyperFiles;
import io.hyperrep.ml.hyper.HyperRepresentation;
import io.hyperrep.ml.hyper.HyperTrainingParams;
import io.hyperrep.ml.hyper.HyperTrainingResult;
import io.hyperrep.ml.hyper.HyperTrainingRun;
import io.hyperrep.ml.hyper.LearningRateSchedule;
import io.hyperrep.ml.hyper.TaskLoss;
import io.hyperrep.ml.hyper.TaskTraining;
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
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hyperrep hyper train}: trains a hyper-representation on a zoo directory with
 * {@link HyperTrainingRun}, then writes the reports (curves, manifest) and measures how well
 * reconstructed held-out models still classify.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description =
                "Train the transformer autoencoder on a zoo (LWLN + contrastive loss) and evaluate reconstructed test-split models.")
public final class HyperTrainCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    // Kept apart (duplicates): each option is this command's own (name, default, description); other commands'
    // options share only picocli's declaration shape, and a shared mixin would change their --help text.
    @Option(names = "--zoo", required = true, description = "Zoo directory (from 'hyperrep zoo train').")
    Path zoo;

    @Option(names = "--out", required = true, description = "Output directory for the autoencoder and its reports.")
    Path out;

    @Option(
            names = "--config",
            description = "A shipped config (cpu, cnn-s-wide, paper, demo) or a JSON file with every AutoencoderConfig "
                    + "field. Default: cpu.")
    String config;

    @Option(
            names = "--resume",
            description = "Continue the unfinished run in --out (same zoo and options) after its last finished epoch.")
    boolean resume;

    @Option(
            names = "--warm-start",
            paramLabel = "DIR",
            description = "Start from the autoencoder in DIR (same sizes) with a fresh optimiser.")
    Path warmStart;

    @Option(names = "--epochs", defaultValue = "30", description = "Training epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--lr", defaultValue = "1e-3", description = "AdamW learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(
            names = "--weight-decay",
            defaultValue = "3e-5",
            description = "AdamW (decoupled) weight decay. Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(
            names = "--lr-schedule",
            defaultValue = "none",
            description = "none or warmup-cosine. Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(
            names = "--warmup-steps",
            defaultValue = "0",
            description = "Linear warm-up steps of warmup-cosine. Default: ${DEFAULT-VALUE}.")
    int warmupSteps;

    @Option(
            names = "--clip-norm",
            defaultValue = "0",
            description = "Clip the gradient's global L2 norm to this (0 = off). Default: ${DEFAULT-VALUE}.")
    double clipNorm;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of initialisation, batches, augmentation and dropout. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--no-lwln", description = "Turn layer-wise loss normalisation off (the ablation baseline).")
    boolean noLwln;

    @Option(
            names = "--centred",
            description = "Feed the autoencoder each weight minus its training-split mean, scaled by the"
                    + " deviations' spread per layer, and add the mean back on decoding (not the paper's; for zoos whose models share an"
                    + " initialisation). Same as \"centred\": true in a config file.")
    boolean centred;

    @Option(
            names = "--augment",
            defaultValue = "paper",
            description =
                    "View augmentation: paper (permutation, erasing p=0.5), none, or a list "
                            + "on top of paper such as no-permute,erase=0.25,noise=0.001,erase-scale=0.02-0.33. Default: ${DEFAULT-VALUE}.")
    String augment;

    @Option(
            names = "--best-epoch",
            defaultValue = "validation",
            description = "Keep the epoch with the lowest validation loss (the paper) "
                    + "or training loss (a zoo too small for unseen models to be reproduced; sampling decodes around training anchors), or the "
                    + "last epoch (with --task-loss or --function-loss, whose terms the reconstruction losses do not show). "
                    + "Default: ${DEFAULT-VALUE}.")
    String bestEpoch;

    @Option(
            names = "--epoch-window",
            description = "Zoo epochs to train on, e.g. 4-8. Default: the zoo's kept epochs except 0.")
    String window;

    @Option(names = "--data-dir", description = "Fashion-MNIST directory for the reconstruction evaluation.")
    Path dataDir;

    @Option(
            names = "--task-loss",
            defaultValue = "0",
            description = "Weight of the task loss (not the paper's; 0 = off): CNNs decoded "
                    + "from per-dimension mixes of the batch's latent codes classify training images, so that codes between training models "
                    + "decode to working models. Default: ${DEFAULT-VALUE}.")
    double taskLoss;

    @Option(
            names = "--function-loss",
            defaultValue = "0",
            description = "Weight of the function loss (not the paper's; 0 = off): "
                    + "the KL divergence from each training checkpoint's predictions to its reconstruction's on training images, so that "
                    + "reconstructions reproduce what their originals compute. Default: ${DEFAULT-VALUE}.")
    double functionLoss;

    @Option(
            names = "--task-images",
            defaultValue = "32",
            description = "Training images per decoded model per step for --task-loss "
                    + "and --function-loss. "
                    + "Default: ${DEFAULT-VALUE}.")
    int taskImages;

    @Option(
            names = "--task-mix-noise",
            defaultValue = "0.4",
            description =
                    "Jitter of the mixed codes for --task-loss, in standard "
                            + "deviations of each latent dimension (0.4 is about Silverman's KDE bandwidth for ~100 anchors). Default: ${DEFAULT-VALUE}.")
    double taskMixNoise;

    @Override
    public Integer call() throws IOException {
        if (resume && warmStart != null) {
            throw new IllegalArgumentException(
                    "--resume continues a run, --warm-start begins a new one: pass only one");
        }
        Augmentation views = Augmentation.parse(augment);
        HyperTrainingRun.BestEpoch selection = HyperTrainingRun.BestEpoch.parse(bestEpoch);
        ZooDirectory dir = ZooDirectory.open(zoo);
        ZooSpec spec = dir.spec();
        AutoencoderConfig cfg = config == null ? AutoencoderConfig.cpuDefault() : AutoencoderConfigJson.resolve(config);
        if (centred) {
            cfg = cfg.withCentred(true);
        }
        if (noLwln) {
            cfg = cfg.withLwln(false);
        }
        HyperTrainingParams params = new HyperTrainingParams(
                epochs, lr, weightDecay, LearningRateSchedule.parse(schedule), warmupSteps, clipNorm, seed);
        int[] win = window(spec);
        CheckpointDataset.Options options = CheckpointDataset.Options.standard(win[0], win[1]);
        CheckpointDataset data = CheckpointDataset.of(dir.readAll(), options);
        Files.createDirectories(out);
        System.out.println("hyperrep: " + Backend.init());
        System.out.println("dataset: " + data.describe() + " (epochs " + win[0] + "-" + win[1] + ")");
        ImageDataset images = Datasets.load(spec.recipe().dataset(), dataDir); // once: task loss and both evaluations
        TaskTraining task = null;
        if (taskLoss != 0 || functionLoss != 0) {
            task = new TaskTraining(
                    new TaskLoss(
                            taskLoss,
                            functionLoss,
                            taskImages,
                            taskMixNoise,
                            spec.recipe().activation()),
                    images.train(),
                    spec.recipe().normalization());
        }
        HyperTrainingRun run = new HyperTrainingRun(data, cfg, params, views, out, selection, task);
        HyperProgressPrinter printer = new HyperProgressPrinter(System.out);
        HyperTrainingResult result = resume
                ? run.resume(printer, () -> false)
                : warmStart != null ? run.warmStart(warmStart, printer, () -> false) : run.train(printer, () -> false);
        HyperRepresentation best = result.best().orElseThrow();
        if (bestEpoch.equals("last")) {
            System.out.printf(Locale.ROOT, "trained %d epochs; keeping the last%n", result.epochsDone());
        } else {
            System.out.printf(
                    Locale.ROOT,
                    "trained %d epochs; best %s loss %.6f at epoch %d%n",
                    result.epochsDone(),
                    bestEpoch,
                    result.bestScore(),
                    result.bestEpoch());
        }
        writeCurves(result.history(), cfg);
        float[][] test = data.test().stream().map(Checkpoint::weights).toArray(float[][]::new);
        Report r = evaluateReconstruction(best, data.test(), spec.recipe(), images);
        System.out.printf(
                Locale.ROOT,
                "test split (models never seen): %d checkpoints; original test acc %.2f%%, reconstructed %.2f%% (%.1f%% of original); "
                        + "same prediction as the original on %.1f%% of images (as another model's original: %.1f%%)%n",
                r.n,
                100 * r.original,
                100 * r.reconstructed,
                100 * r.reconstructed / r.original,
                100 * r.agreement,
                100 * r.otherAgreement);
        System.out.printf(
                Locale.ROOT,
                "baseline: the training split's mean weights as a model score %.2f%% and predict as the originals on %.1f%%%n",
                100 * r.meanModel,
                100 * r.meanAgreement);
        // The training split's last epochs show what the decoder reproduces of models it learned: what
        // sampling around anchors (training checkpoints) relies on.
        List<Checkpoint> seenCheckpoints = lastEpochPerModel(data.train());
        float[][] seen = seenCheckpoints.stream().map(Checkpoint::weights).toArray(float[][]::new);
        Report t = evaluateReconstruction(best, seenCheckpoints, spec.recipe(), images);
        System.out.printf(
                Locale.ROOT,
                "train split (last epoch per model): %d checkpoints; original %.2f%%, reconstructed %.2f%% (%.1f%% of original); "
                        + "same prediction on %.1f%% (as another model's: %.1f%%)%n",
                t.n,
                100 * t.original,
                100 * t.reconstructed,
                100 * t.reconstructed / t.original,
                100 * t.agreement,
                100 * t.otherAgreement);
        writeManifest(spec, cfg, params, options, data, result, r, best.layerR2(test), t, best.layerR2(seen));
        System.out.println("artifacts in " + out.toAbsolutePath());
        return 0;
    }

    /**
     * @param agreement mean over models of the fraction of test images on which the reconstruction predicts
     *                  the class its original predicts: whether a reconstruction is the same function, which
     *                  its accuracy alone does not show (a decoder can output a different model that works)
     * @param otherAgreement the same against <em>another</em> model's original (the next checkpoint of a different model): what
     *                  two unrelated models of the zoo share; an agreement not above it is no reconstruction
     * @param meanModel the test accuracy of the training split's per-parameter mean used as a model: what a
     *                  decoder that ignores its input would score (a centred autoencoder's output at zero)
     * @param meanAgreement mean over models of the share of images on which the mean model predicts what the original does
     */
    record Report(
            int n,
            double original,
            double reconstructed,
            double agreement,
            double otherAgreement,
            double meanModel,
            double meanAgreement) {}

    /** Mean over models of the share of images on which {@code a[m]} and {@code b[partner[m]]} predict the same class. */
    private static double agreement(byte[][] a, byte[][] b, int[] partner) {
        double sum = 0;
        for (int m = 0; m < a.length; m++) {
            byte[] x = a[m];
            byte[] y = b[partner[m]];
            int same = 0;
            for (int i = 0; i < x.length; i++) {
                same += x[i] == y[i] ? 1 : 0;
            }
            sum += (double) same / x.length;
        }
        return sum / a.length;
    }

    private static List<Checkpoint> lastEpochPerModel(List<Checkpoint> split) {
        java.util.Map<String, Checkpoint> last = new java.util.TreeMap<>();
        split.forEach(c -> last.merge(c.modelId(), c, (a, b) -> a.epoch() >= b.epoch() ? a : b));
        return List.copyOf(last.values());
    }

    /** For each checkpoint the next one (cyclically) of a different model; null if all are one model's. */
    private static int[] otherModel(String[] modelIds) {
        int n = modelIds.length;
        int[] partner = new int[n];
        for (int m = 0; m < n; m++) {
            partner[m] = -1;
            for (int k = 1; k < n && partner[m] < 0; k++) {
                if (!modelIds[(m + k) % n].equals(modelIds[m])) {
                    partner[m] = (m + k) % n;
                }
            }
            if (partner[m] < 0) {
                return null;
            }
        }
        return partner;
    }

    static Report evaluateReconstruction(
            HyperRepresentation rep, List<Checkpoint> checkpoints, ZooRecipe recipe, ImageDataset images) {
        float[][] original = checkpoints.stream().map(Checkpoint::weights).toArray(float[][]::new);
        String[] modelIds = checkpoints.stream().map(Checkpoint::modelId).toArray(String[]::new);
        Architecture arch = rep.architecture();
        float[][] recon = rep.reconstruct(original);
        try (BlockedPopulationEvaluator ev = BlockedPopulationEvaluator.perCore(arch, recipe.activation())) {
            var a = ev.evaluate(original, images.test(), recipe.normalization(), true, false);
            var b = ev.evaluate(recon, images.test(), recipe.normalization(), true, false);
            var mean = ev.evaluate(
                    new float[][] {rep.statistics().parameterMean()},
                    images.test(),
                    recipe.normalization(),
                    true,
                    false);
            int[] self = new int[original.length];
            java.util.Arrays.setAll(self, i -> i);
            int[] other = otherModel(modelIds);
            byte[][] meanPredictions = new byte[original.length][];
            java.util.Arrays.fill(meanPredictions, mean.predictions()[0]);
            return new Report(
                    original.length,
                    Summary.of(a.accuracy()).mean(),
                    Summary.of(b.accuracy()).mean(),
                    agreement(b.predictions(), a.predictions(), self),
                    other == null ? Double.NaN : agreement(b.predictions(), a.predictions(), other),
                    mean.accuracy()[0],
                    agreement(meanPredictions, a.predictions(), self));
        }
    }

    /** Curves of the whole run (earlier sessions of a resumed run included): CSV and an SVG of the two split losses. */
    private void writeCurves(List<EpochResult> history, AutoencoderConfig cfg) throws IOException {
        List<String> rows = new ArrayList<>(List.of(
                "epoch,train_rec_loss,val_rec_loss,val_r2,train_r2,objective,step_rec_loss,step_ntxent,seconds"));
        double[] x = new double[history.size()];
        double[] trainLoss = new double[x.length];
        double[] valLoss = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            EpochResult e = history.get(i);
            rows.add(String.format(
                    Locale.ROOT,
                    "%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.1f",
                    e.epoch(),
                    e.trainLoss(),
                    e.validationLoss(),
                    e.validationR2(),
                    e.trainR2(),
                    e.objective(),
                    e.reconstruction(),
                    e.contrastive(),
                    e.seconds()));
            x[i] = e.epoch();
            trainLoss[i] = e.trainLoss();
            valLoss[i] = e.validationLoss();
        }
        AtomicFiles.write(out.resolve("curves.csv"), (String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
        String svg = new SvgLineChart("Autoencoder loss" + (cfg.lwln() ? " (LWLN)" : " (no LWLN)"), "epoch", "loss")
                .line(x, trainLoss, "#4477aa", "train split (raw)")
                .line(x, valLoss, "#cc3311", "validation split (raw)")
                .render();
        AtomicFiles.write(out.resolve("curves.svg"), svg.getBytes(StandardCharsets.UTF_8));
    }

    private void writeManifest(
            ZooSpec spec,
            AutoencoderConfig cfg,
            HyperTrainingParams params,
            CheckpointDataset.Options options,
            CheckpointDataset data,
            HyperTrainingResult result,
            Report r,
            double[] layerR2,
            Report seen,
            double[] seenLayerR2)
            throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("formatVersion", 1);
        m.put("codeVersion", "hyperrep 0.1.0");
        ObjectNode lineage = m.putObject("lineage");
        lineage.put("zooId", spec.zooId());
        lineage.put("zooDir", PortablePaths.portable(zoo)); // manifests hold no machine paths
        lineage.put("arch", data.arch().id());
        lineage.put("layoutHash", data.arch().layoutHash());
        lineage.put("splitSeed", options.seed());
        lineage.put("splitFractions", options.trainFraction() + "/" + options.validationFraction() + "/rest");
        lineage.put("epochWindow", options.firstEpoch() + "-" + options.lastEpoch());
        lineage.put("trainCheckpoints", data.train().size());
        lineage.put("validationCheckpoints", data.validation().size());
        lineage.put("testCheckpoints", data.test().size());
        lineage.put("seed", params.seed());
        lineage.put("epochs", params.epochs());
        if (warmStart != null) {
            lineage.put("warmStartFrom", PortablePaths.portable(warmStart));
        }
        m.set("config", JSON.readTree(AutoencoderConfigJson.write(cfg)));
        m.put("configSha256", Checkpoint.sha256(AutoencoderConfigJson.write(cfg)));
        ObjectNode training = m.putObject("training");
        training.put("optimizer", "adamw");
        training.put("learningRate", params.learningRate());
        training.put("weightDecay", params.weightDecay());
        training.put("schedule", params.schedule().name().toLowerCase(Locale.ROOT));
        training.put("warmupSteps", params.warmupSteps());
        training.put("clipNorm", params.clipNorm());
        training.put("augmentation", Augmentation.parse(augment).toString());
        if (taskLoss != 0 || functionLoss != 0) {
            ObjectNode t = training.putObject("taskLoss");
            t.put("weight", taskLoss);
            t.put("functionWeight", functionLoss);
            t.put("imagesPerModel", taskImages);
            t.put("mixNoise", taskMixNoise);
            t.put("images", "training split of " + spec.recipe().dataset());
        }
        m.put("epochsDone", result.epochsDone());
        m.put("bestEpoch", result.bestEpoch());
        m.put("bestEpochBy", bestEpoch + " loss");
        if (!bestEpoch.equals("last")) {
            m.put(bestEpoch.equals("training") ? "bestTrainingLoss" : "bestValidationLoss", result.bestScore());
        }
        ObjectNode rec = putReconstruction(m.putObject("reconstruction"), "testCheckpoints", r);
        rec.put("meanModelTestAcc", r.meanModel);
        rec.put("meanModelPredictionAgreement", r.meanAgreement);
        putR2PerLayer(rec, layerR2);
        putR2PerLayer(putReconstruction(m.putObject("trainSplitReconstruction"), "checkpoints", seen), seenLayerR2);
        ObjectNode files = m.putObject("sha256");
        for (String f : new TreeSet<>(List.of(
                HyperFiles.AUTOENCODER, HyperFiles.CONFIG, HyperFiles.NORMALIZATION, "curves.csv", "curves.svg"))) {
            files.put(f, Checkpoint.sha256(Files.readAllBytes(out.resolve(f))));
        }
        m.put("autoencoderSha256", files.get(HyperFiles.AUTOENCODER).asText());
        AtomicFiles.write(out.resolve("manifest.json"), JSON.writeValueAsBytes(m));
    }

    /** The figures both splits' reconstructions report, in the manifest's order, the count under {@code countField}. */
    private static ObjectNode putReconstruction(ObjectNode node, String countField, Report r) {
        node.put(countField, r.n);
        node.put("originalMeanTestAcc", r.original);
        node.put("reconstructedMeanTestAcc", r.reconstructed);
        node.put("predictionAgreement", r.agreement);
        node.put("predictionAgreementWithAnotherModel", r.otherAgreement);
        return node;
    }

    private static void putR2PerLayer(ObjectNode node, double[] layerR2) {
        var array = node.putArray("r2PerLayer");
        for (double v : layerR2) {
            array.add(v);
        }
    }

    private int[] window(ZooSpec spec) {
        if (window != null) {
            return EpochWindowOption.bounds(window);
        }
        var kept = new TreeSet<>(spec.keepEpochs());
        kept.remove(0);
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(zoo + " keeps no trained epochs; pass --epoch-window");
        }
        return new int[] {kept.first(), kept.last()};
    }
}
