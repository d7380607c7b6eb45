package io.hyperrep.service.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.hyper.CheckpointDataset;
import io.hyperrep.core.stats.Summary;
import io.hyperrep.core.token.Augmentation;
import io.hyperrep.core.token.TokenLayout;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.ml.cnn.PopulationEvaluator;
import io.hyperrep.ml.hyper.AutoencoderConfig;
import io.hyperrep.ml.hyper.AutoencoderTrainer;
import io.hyperrep.ml.nd.Backend;
import io.hyperrep.service.zoo.ProgressBar;
import io.hyperrep.service.zoo.SvgLineChart;
import io.hyperrep.zoo.ZooDirectory;
import io.hyperrep.zoo.ZooSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hyperrep hyper train}: trains a hyper-representation on a zoo directory, keeps the best
 * epoch by validation loss, and reports how well reconstructed held-out models still classify.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the transformer autoencoder on a zoo (LWLN + contrastive loss) and evaluate reconstructed test-split models.")
public final class HyperTrainCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--zoo", required = true, description = "Zoo directory (from 'hyperrep zoo train').")
    Path zoo;

    @Option(names = "--out", required = true, description = "Output directory for the autoencoder and its reports.")
    Path out;

    @Option(names = "--config", description = "JSON file with the AutoencoderConfig fields. Default: the CPU default.")
    Path config;

    @Option(names = "--epochs", defaultValue = "30", description = "Training epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--lr", defaultValue = "1e-3", description = "AdamW learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--weight-decay", defaultValue = "3e-5", description = "AdamW (decoupled) weight decay. Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of initialisation, batches and augmentation. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--no-lwln", description = "Turn layer-wise loss normalisation off (the ablation baseline).")
    boolean noLwln;

    @Option(names = "--epoch-window", description = "Zoo epochs to train on, e.g. 4-8. Default: the zoo's kept epochs except 0.")
    String window;

    @Option(names = "--data-dir", description = "Fashion-MNIST directory for the reconstruction evaluation.")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        ZooDirectory dir = ZooDirectory.open(zoo);
        ZooSpec spec = dir.spec();
        AutoencoderConfig cfg = config == null ? AutoencoderConfig.cpuDefault() : readConfig(config);
        if (noLwln) {
            cfg = new AutoencoderConfig(cfg.dModel(), cfg.heads(), cfg.dFf(), cfg.blocks(), cfg.latent(), cfg.dropout(),
                    cfg.projectionLayers(), cfg.projectionHidden(), cfg.projectionOut(), cfg.gamma(), cfg.temperature(), false, cfg.batchSize());
        }
        int[] win = window(spec);
        List<Checkpoint> all = dir.readAll();
        CheckpointDataset data = CheckpointDataset.of(all, CheckpointDataset.Options.standard(win[0], win[1]));
        Files.createDirectories(out);
        System.out.println("hyperrep: " + Backend.init());
        System.out.println("dataset: " + data.describe() + " (epochs " + win[0] + "-" + win[1] + ")");
        TokenLayout layout = new TokenLayout(data.arch());
        AutoencoderTrainer trainer = new AutoencoderTrainer(layout, cfg, data, Augmentation.paper(), seed, lr, weightDecay);
        ProgressBar bar = new ProgressBar(System.out, "epochs");
        bar.total(epochs, 0);
        // Losses are the LWLN reconstruction loss of raw checkpoints, dropout off, after each epoch.
        List<String> curve = new ArrayList<>(List.of("epoch,train_rec_loss,val_rec_loss,val_r2"));
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> bestWeights = null;
        double[] x = new double[epochs];
        double[] trainLoss = new double[epochs];
        double[] valLoss = new double[epochs];
        for (int e = 1; e <= epochs; e++) {
            final int epoch = e;
            trainer.trainEpoch((step, steps, loss) -> bar.update(epoch - 1 + step / (double) steps,
                    String.format(Locale.ROOT, "epoch %d step %d/%d", epoch, step, steps)));
            double[] v = trainer.lossAndR2(data.validation());
            double[] t = trainer.lossAndR2(data.train());
            curve.add(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f", e, t[0], v[0], v[1]));
            x[e - 1] = e;
            trainLoss[e - 1] = t[0];
            valLoss[e - 1] = v[0];
            if (v[0] < best) {
                best = v[0];
                bestEpoch = e;
                trainer.saveInference(out.resolve("autoencoder.sd"));
                bestWeights = trainer.snapshot();
            }
            bar.update(e, String.format(Locale.ROOT, "val loss %.4f R2 %.3f (best epoch %d)", v[0], v[1], bestEpoch));
        }
        bar.finish("trained " + epochs + " epochs; best validation loss " + best + " at epoch " + bestEpoch);
        Files.write(out.resolve("curves.csv"), curve, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("curves.svg"), new SvgLineChart("Autoencoder loss" + (cfg.lwln() ? " (LWLN)" : " (no LWLN)"),
                "epoch", "loss").line(x, trainLoss, "#4477aa", "train split (raw)").line(x, valLoss, "#cc3311", "validation split (raw)")
                .render(), StandardCharsets.UTF_8);
        trainer.restore(bestWeights);   // evaluate what autoencoder.sd holds: the best epoch
        Report r = evaluateReconstruction(trainer, data, spec.recipe(), dataDir);
        System.out.printf(Locale.ROOT, "test split: %d checkpoints; original test acc %.2f%%, reconstructed %.2f%% (%.1f%% of original)%n",
                r.n, 100 * r.original, 100 * r.reconstructed, 100 * r.reconstructed / r.original);
        double[] layerR2 = trainer.layerR2(data.test());
        writeManifest(spec, cfg, win, data, bestEpoch, best, r, layerR2);
        System.out.println("artifacts in " + out.toAbsolutePath());
        return 0;
    }

    record Report(int n, double original, double reconstructed) {
    }

    static Report evaluateReconstruction(AutoencoderTrainer trainer, CheckpointDataset data, ZooRecipe recipe, Path dataDir) {
        ImageDataset images = Datasets.load(recipe.dataset(), dataDir);
        Architecture arch = data.arch();
        PopulationEvaluator ev = new PopulationEvaluator(arch, recipe.activation());
        float[][] original = data.test().stream().map(Checkpoint::weights).toArray(float[][]::new);
        float[][] recon = trainer.reconstruct(data.test());
        double a = Summary.of(ev.evaluate(original, images.test(), recipe.normalization()).accuracy()).mean();
        double b = Summary.of(ev.evaluate(recon, images.test(), recipe.normalization()).accuracy()).mean();
        return new Report(original.length, a, b);
    }

    private void writeManifest(ZooSpec spec, AutoencoderConfig cfg, int[] win, CheckpointDataset data, int bestEpoch, double best,
                               Report r, double[] layerR2) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("formatVersion", 1);
        m.put("codeVersion", "hyperrep 0.1.0");
        ObjectNode lineage = m.putObject("lineage");
        lineage.put("zooId", spec.zooId());
        lineage.put("zooDir", zoo.toAbsolutePath().toString());
        lineage.put("arch", data.arch().id());
        lineage.put("layoutHash", data.arch().layoutHash());
        lineage.put("splitSeed", 42);
        lineage.put("epochWindow", win[0] + "-" + win[1]);
        lineage.put("trainCheckpoints", data.train().size());
        lineage.put("seed", seed);
        m.set("config", JSON.valueToTree(cfg));
        m.put("configSha256", Checkpoint.sha256(JSON.writeValueAsBytes(cfg)));
        m.put("bestEpoch", bestEpoch);
        m.put("bestValidationLoss", best);
        ObjectNode rec = m.putObject("reconstruction");
        rec.put("testCheckpoints", r.n);
        rec.put("originalMeanTestAcc", r.original);
        rec.put("reconstructedMeanTestAcc", r.reconstructed);
        var arr = rec.putArray("r2PerLayer");
        for (double v : layerR2) {
            arr.add(v);
        }
        Path model = out.resolve("autoencoder.sd");
        if (Files.exists(model)) {
            m.put("autoencoderSha256", Checkpoint.sha256(Files.readAllBytes(model)));
        }
        Files.write(out.resolve("manifest.json"), JSON.writeValueAsBytes(m));
    }

    private int[] window(ZooSpec spec) {
        if (window != null) {
            var e = ZooSpec.parseEpochs(window);
            if (e.isEmpty()) {
                throw new IllegalArgumentException("--epoch-window is empty");
            }
            return new int[] {e.first(), e.last()};
        }
        var kept = new java.util.TreeSet<>(spec.keepEpochs());
        kept.remove(0);
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(zoo + " keeps no trained epochs; pass --epoch-window");
        }
        return new int[] {kept.first(), kept.last()};
    }

    private static AutoencoderConfig readConfig(Path file) {
        try {
            return JSON.readValue(file.toFile(), AutoencoderConfig.class);
        } catch (IOException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(file + " is not a valid autoencoder config: " + c.getMessage());
        }
    }
}
