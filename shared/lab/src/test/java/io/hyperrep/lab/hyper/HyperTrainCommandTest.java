package io.hyperrep.lab.hyper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.hyper.LayerScales;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.lab.zoo.ZooCommand;
import io.hyperrep.ml.hyper.AutoencoderFileException;
import io.hyperrep.ml.hyper.HyperFiles;
import io.hyperrep.ml.hyper.HyperRepresentation;
import io.hyperrep.ml.hyper.NormalizationStats;
import io.hyperrep.zoo.ZooDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** End to end at tiny size on one tiny zoo: training with every artifact, and the refusals of bad input. */
class HyperTrainCommandTest {

    static final String TINY =
            "{\"dModel\":16,\"heads\":2,\"dFf\":32,\"blocks\":1,\"latent\":16,\"dropout\":0.1,\"projectionLayers\":2,"
                    + "\"projectionHidden\":16,\"projectionOut\":8,\"gamma\":0.1,\"temperature\":0.1,\"lwln\":true,\"batchSize\":4}";

    @TempDir
    static Path shared;

    static Path zoo;
    static Path cfg;
    static Path hyper;
    static Outcome trained;

    @BeforeAll
    static void tinyZoo() throws Exception {
        zoo = shared.resolve("zoo");
        assertEquals(
                0,
                new CommandLine(new ZooCommand())
                        .execute(
                                "train",
                                "--models",
                                "12",
                                "--epochs",
                                "1",
                                "--train-images",
                                "200",
                                "--keep-epochs",
                                "0-1",
                                "--out",
                                zoo.toString()));
        cfg = shared.resolve("ae.json");
        Files.writeString(cfg, TINY);
        hyper = shared.resolve("hyper");
        trained = train(hyper, "--epochs", "2");
    }

    /** Exit code and error output of {@code hyper ARGS}, with the launcher's policy: known failures print their message and exit 1. */
    record Outcome(int code, String err) {}

    static Outcome hyper(String... args) {
        CommandLine cl = new CommandLine(new HyperCommand());
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            if (ex instanceof AutoencoderFileException || ex instanceof IllegalArgumentException) {
                c.getErr().println(ex.getClass().getSimpleName() + ": " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        return new Outcome(cl.execute(args), err.toString());
    }

    /** {@code hyper train} of the tiny zoo into {@code out} with the tiny config. */
    static Outcome train(Path out, String... options) {
        return trainWith(cfg, out, options);
    }

    static Outcome trainWith(Path config, Path out, String... options) {
        return hyper(with(
                new String[] {"train", "--zoo", zoo.toString(), "--out", out.toString(), "--config", config.toString()},
                options));
    }

    /** {@code hyper COMMAND} of the tiny zoo's epoch 1 with the trained autoencoder, into {@code out}. */
    static Outcome epochOne(String command, Path out) {
        return hyper(
                command,
                "--hyper",
                hyper.toString(),
                "--zoo",
                zoo.toString(),
                "--out",
                out.toString(),
                "--epoch-window",
                "1");
    }

    static void assertRefused(Outcome o, String message) {
        assertEquals(1, o.code(), o.err());
        assertTrue(o.err().contains(message), o.err());
    }

    @Test
    void shouldTrainAHyperRepresentationOfATinyZooAndWriteItsArtifacts() throws Exception {
        Path out = hyper;
        assertEquals(0, trained.code(), trained.err());
        for (String f : new String[] {
            "autoencoder.sd", "config.json", "normalization.json", "curves.csv", "curves.svg", "manifest.json"
        }) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(5, m.at("/reconstruction/r2PerLayer").size());
        assertEquals(3, Files.readAllLines(out.resolve("curves.csv")).size());
        assertEquals(
                Checkpoint.sha256(Files.readAllBytes(out.resolve("autoencoder.sd"))),
                m.at("/sha256/autoencoder.sd").asText());
        assertEquals(42, m.at("/lineage/splitSeed").asInt());
        assertTrue(
                m.at("/reconstruction/originalMeanTestAcc").asDouble() > 0.15,
                "the tiny zoo learned something (chance is 0.1)");

        Path bad = shared.resolve("bad.json");
        Files.writeString(bad, "{\"dModel\":30,\"heads\":4}");
        assertRefused(trainWith(bad, shared.resolve("x")), "not a valid autoencoder config");
    }

    @Test
    void shouldKeepTheEpochWithTheLowestTrainingLossWhenAsked() throws Exception {
        Path out = shared.resolve("by-training");
        Outcome o = train(out, "--epochs", "2", "--best-epoch", "training", "--augment", "none");
        assertEquals(0, o.code(), o.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals("training loss", m.get("bestEpochBy").asText());
        assertTrue(m.has("bestTrainingLoss") && !m.has("bestValidationLoss"), m.toString());
        assertTrue(m.at("/training/augmentation").asText().contains("permute=false"), m.toString());
        assertTrue(m.has("trainSplitReconstruction"), m.toString());

        assertRefused(
                train(shared.resolve("by-x"), "--best-epoch", "test"),
                "best-epoch selection must be validation, training or last");
        assertRefused(train(shared.resolve("aug-x"), "--augment", "rotate"), "unknown augmentation item 'rotate'");
    }

    @Test
    void shouldRefuseToResumeFromACorruptOrForeignRunWithAClearMessage() throws Exception {
        Path out = shared.resolve("resumable");
        assertEquals(0, train(out, "--epochs", "1").code());

        assertRefused(train(out, "--epochs", "1"), "already holds a training run");

        Outcome otherEpochs = train(out, "--epochs", "1", "--resume", "--lr", "5e-4");
        assertEquals(1, otherEpochs.code());
        assertTrue(
                otherEpochs.err().contains("AutoencoderFileException")
                        && otherEpochs.err().contains("belongs to a run with params"),
                otherEpochs.err());

        Path wider = shared.resolve("wider.json");
        Files.writeString(wider, TINY.replace("\"latent\":16", "\"latent\":12"));
        assertRefused(trainWith(wider, out, "--epochs", "1", "--resume"), "belongs to a run with config");

        Path state = out.resolve(HyperFiles.STATE);
        byte[] good = Files.readAllBytes(state);
        Files.write(state, Arrays.copyOf(good, good.length - 100));
        assertRefused(train(out, "--epochs", "1", "--resume"), "is corrupt (truncated)");
        Files.write(state, good);

        Path model = out.resolve(HyperFiles.AUTOENCODER);
        byte[] sd = Files.readAllBytes(model);
        Files.write(model, Arrays.copyOf(sd, sd.length / 3));
        assertRefused(train(out, "--epochs", "1", "--resume"), "not a readable autoencoder");
        assertRefused(train(shared.resolve("warm"), "--warm-start", out.toString()), "not a readable autoencoder");

        // an autoencoder directory of another architecture
        Files.write(model, sd);
        HyperFiles.writeNormalization(
                out,
                new NormalizationStats(
                        new LayerScales(Architectures.CNN_L, new double[] {1, 1, 1, 1, 1}),
                        new float[Architectures.CNN_L.parameterCount()]));
        assertRefused(
                train(shared.resolve("warm2"), "--warm-start", out.toString()),
                "trained on cnn-l checkpoints, this zoo is cnn-s");

        assertRefused(train(out, "--epochs", "1", "--resume", "--warm-start", out.toString()), "pass only one");
    }

    @Test
    void shouldEncodeAndReconstructAZooWithTheTrainedAutoencoder() throws Exception {
        assertEquals(0, trained.code(), trained.err());
        Path csv = shared.resolve("latents.csv");
        Outcome enc = epochOne("encode", csv);
        assertEquals(0, enc.code(), enc.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(13, rows.size(), "header + 12 models at epoch 1");
        assertTrue(rows.get(0).startsWith("zoo_id,model_id,epoch,seed,test_acc,z0,z1,"), rows.get(0));
        assertEquals(5 + 16, rows.get(1).split(",").length);
        HyperRepresentation rep = HyperRepresentation.load(hyper);
        Checkpoint first = ZooDirectory.open(zoo).readAll().stream()
                .filter(c -> c.epoch() == 1)
                .findFirst()
                .orElseThrow();
        float[] z = rep.encode(new float[][] {first.weights()})[0];
        assertEquals(z[3], Float.parseFloat(rows.get(1).split(",")[5 + 3]), 1e-6f);

        Path recon = shared.resolve("recon");
        Outcome rec = epochOne("reconstruct", recon);
        assertEquals(0, rec.code(), rec.err());
        ZooDirectory rz = ZooDirectory.open(recon);
        assertEquals(ZooDirectory.open(zoo).spec().zooId() + "-recon", rz.spec().zooId());
        List<Checkpoint> back = rz.readAll();
        assertEquals(12, back.size());
        Checkpoint r0 = back.stream()
                .filter(c -> c.modelId().equals(first.modelId()))
                .findFirst()
                .orElseThrow();
        assertArrayEquals(rep.reconstruct(new float[][] {first.weights()})[0], r0.weights(), 1e-6f);
        assertTrue(r0.metrics().testAcc() >= 0 && r0.metrics().testAcc() <= 1);

        assertRefused(
                hyper("encode", "--hyper", zoo.toString(), "--zoo", zoo.toString(), "--out", csv.toString()),
                "is not an autoencoder directory");
    }

    static String[] with(String[] base, String... more) {
        String[] a = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, a, base.length, more.length);
        return a;
    }
}
