package io.hyperrep.lab.hyper;

import io.hyperrep.core.io.AtomicFiles;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.lab.cli.AutoencoderDirOption;
import io.hyperrep.lab.cli.EpochWindowOption;
import io.hyperrep.ml.hyper.HyperRepresentation;
import io.hyperrep.zoo.ZooDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hyperrep hyper encode}: the latent code of every checkpoint of a zoo, as CSV. */
@Command(
        name = "encode",
        mixinStandardHelpOptions = true,
        description =
                "Embed a zoo's checkpoints with a trained autoencoder: one CSV row per checkpoint (ids, test accuracy, latent code).")
public final class HyperEncodeCommand implements Callable<Integer> {

    @Mixin
    AutoencoderDirOption hyper;

    @Option(names = "--zoo", required = true, description = "Zoo directory whose checkpoints are encoded.")
    Path zoo;

    @Option(names = "--out", required = true, description = "CSV file to write.")
    Path out;

    @Mixin
    EpochWindowOption window;

    @Override
    public Integer call() throws IOException {
        HyperRepresentation rep = HyperRepresentation.load(hyper.dir());
        List<Checkpoint> checkpoints = ZooCheckpoints.select(ZooDirectory.open(zoo), window.text(), rep.architecture());
        float[][] z = rep.encode(ZooCheckpoints.weights(checkpoints));
        StringBuilder sb = new StringBuilder("zoo_id,model_id,epoch,seed,test_acc");
        for (int j = 0; j < rep.config().latent(); j++) {
            sb.append(",z").append(j);
        }
        sb.append('\n');
        for (int i = 0; i < z.length; i++) {
            Checkpoint c = checkpoints.get(i);
            sb.append(c.zooId())
                    .append(',')
                    .append(c.modelId())
                    .append(',')
                    .append(c.epoch())
                    .append(',')
                    .append(c.seed())
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.4f", c.metrics().testAcc()));
            for (float v : z[i]) {
                sb.append(',').append(v);
            }
            sb.append('\n');
        }
        AtomicFiles.write(out, sb.toString().getBytes(StandardCharsets.UTF_8));
        System.out.printf(
                Locale.ROOT,
                "encoded %d checkpoints into %d-dimensional latents: %s%n",
                z.length,
                rep.config().latent(),
                out.toAbsolutePath());
        return 0;
    }
}
