package io.hyperrep.lab.hyper;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.lab.cli.AutoencoderDirOption;
import io.hyperrep.lab.cli.EpochWindowOption;
import io.hyperrep.ml.hyper.HyperRepresentation;
import io.hyperrep.zoo.CheckpointMetricsEvaluator;
import io.hyperrep.zoo.ZooDirectory;
import io.hyperrep.zoo.ZooSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hyperrep hyper reconstruct}: passes a zoo's checkpoints through a trained autoencoder and
 * writes the reconstructions as a zoo directory (checkpoint files in the Kafka record format, metrics
 * measured on the reconstructed weights), so zoo stats, zoo publish and the evaluators read it as is.
 */
@Command(
        name = "reconstruct",
        mixinStandardHelpOptions = true,
        description =
                "Reconstruct a zoo's checkpoints with a trained autoencoder and write them, evaluated, as a zoo directory.")
public final class HyperReconstructCommand implements Callable<Integer> {

    @Mixin
    AutoencoderDirOption hyper;

    // Kept apart (duplicates): hyper encode declares the same options (--hyper and --epoch-window are shared mixins);
    // --zoo and --out say what each command does with them.
    @Option(names = "--zoo", required = true, description = "Zoo directory whose checkpoints are reconstructed.")
    Path zoo;

    @Option(names = "--out", required = true, description = "Zoo directory to write (zoo id: the source's + '-recon').")
    Path out;

    @Mixin
    EpochWindowOption window;

    @Option(
            names = "--data-dir",
            description = "Directory of the zoo's dataset, for the metrics of the reconstructed models.")
    Path dataDir;

    @Override
    public Integer call() {
        HyperRepresentation rep = HyperRepresentation.load(hyper.dir());
        ZooDirectory source = ZooDirectory.open(zoo);
        ZooSpec spec = source.spec();
        Architecture arch = rep.architecture();
        List<Checkpoint> checkpoints = ZooCheckpoints.select(source, window.text(), arch);
        float[][] recon = rep.reconstruct(ZooCheckpoints.weights(checkpoints));
        CheckpointMetrics[] metrics;
        try (CheckpointMetricsEvaluator evaluator = new CheckpointMetricsEvaluator(
                arch, spec.recipe(), Datasets.load(spec.recipe().dataset(), dataDir))) {
            metrics = evaluator.evaluate(recon);
        }
        ZooSpec reconSpec = new ZooSpec(
                spec.zooId() + "-recon",
                spec.recipe(),
                spec.models(),
                spec.epochs(),
                spec.firstSeed(),
                spec.groupSize(),
                spec.keepEpochs(),
                spec.trainImages());
        ZooDirectory target = ZooDirectory.create(out, reconSpec);
        double original = 0;
        double reconstructed = 0;
        for (int i = 0; i < recon.length; i++) {
            Checkpoint c = checkpoints.get(i);
            target.writeCheckpoint(new Checkpoint(
                    reconSpec.zooId(),
                    c.modelId(),
                    c.seed(),
                    c.epoch(),
                    arch.id(),
                    arch.layoutHash(),
                    metrics[i],
                    recon[i]));
            original += c.metrics().testAcc() / recon.length;
            reconstructed += metrics[i].testAcc() / recon.length;
        }
        System.out.printf(
                Locale.ROOT,
                "reconstructed %d checkpoints: mean test acc %.2f%% (original %.2f%%) -> %s%n",
                recon.length,
                100 * reconstructed,
                100 * original,
                out.toAbsolutePath());
        return 0;
    }
}
