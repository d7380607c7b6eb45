package io.hyperrep.service.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.hyper.LayerScales;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.ml.hyper.AutoencoderFileException;
import io.hyperrep.ml.hyper.HyperFiles;
import io.hyperrep.ml.hyper.NormalizationStats;
import io.hyperrep.service.zoo.ZooCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** End to end at tiny size on one tiny zoo: training with every artifact, and the refusals of bad input. */
class HyperTrainCommandTest {

    static final String TINY = "{\"dModel\":16,\"heads\":2,\"dFf\":32,\"blocks\":1,\"latent\":16,\"dropout\":0.1,\"projectionLayers\":2,"
            + "\"projectionHidden\":16,\"projectionOut\":8,\"gamma\":0.1,\"temperature\":0.1,\"lwln\":true,\"batchSize\":4}";

    @TempDir
    static Path shared;
    static Path zoo;
    static Path cfg;

    @BeforeAll
    static void tinyZoo() throws Exception {
        zoo = shared.resolve("zoo");
        assertEquals(0, new CommandLine(new ZooCommand()).execute("train", "--models", "12", "--epochs", "1", "--train-images", "200",
                "--keep-epochs", "0-1", "--out", zoo.toString()));
        cfg = shared.resolve("ae.json");
        Files.writeString(cfg, TINY);
    }

    /** Exit code and error output of {@code hyper ARGS}, with the launcher's policy: known failures print their message and exit 1. */
    record Outcome(int code, String err) {
    }

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

    @Test
    void shouldTrainAHyperRepresentationOfATinyZooAndWriteItsArtifacts() throws Exception {
        Path out = shared.resolve("hyper");
        Outcome o = hyper("train", "--zoo", zoo.toString(), "--out", out.toString(), "--config", cfg.toString(), "--epochs", "2");
        assertEquals(0, o.code(), o.err());
        for (String f : new String[] {"autoencoder.sd", "config.json", "normalization.json", "curves.csv", "curves.svg", "manifest.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(5, m.at("/reconstruction/r2PerLayer").size());
        assertEquals(3, Files.readAllLines(out.resolve("curves.csv")).size());
        assertEquals(Checkpoint.sha256(Files.readAllBytes(out.resolve("autoencoder.sd"))), m.at("/sha256/autoencoder.sd").asText());
        assertEquals(42, m.at("/lineage/splitSeed").asInt());
        assertTrue(m.at("/reconstruction/originalMeanTestAcc").asDouble() > 0.15, "the tiny zoo learned something (chance is 0.1)");

        Path bad = shared.resolve("bad.json");
        Files.writeString(bad, "{\"dModel\":30,\"heads\":4}");
        Outcome refused = hyper("train", "--zoo", zoo.toString(), "--out", shared.resolve("x").toString(), "--config", bad.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("not a valid autoencoder config"), refused.err());
    }

    @Test
    void shouldRefuseToResumeFromACorruptOrForeignRunWithAClearMessage() throws Exception {
        Path out = shared.resolve("resumable");
        String[] base = {"train", "--zoo", zoo.toString(), "--out", out.toString(), "--config", cfg.toString(), "--epochs", "1"};
        assertEquals(0, hyper(base).code());

        Outcome again = hyper(base);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already holds a training run"), again.err());

        Outcome otherEpochs = hyper(with(base, "--resume", "--lr", "5e-4"));
        assertEquals(1, otherEpochs.code());
        assertTrue(otherEpochs.err().contains("AutoencoderFileException") && otherEpochs.err().contains("belongs to a run with params"),
                otherEpochs.err());

        Path wider = shared.resolve("wider.json");
        Files.writeString(wider, TINY.replace("\"latent\":16", "\"latent\":12"));
        Outcome otherConfig = hyper("train", "--zoo", zoo.toString(), "--out", out.toString(), "--config", wider.toString(), "--epochs", "1",
                "--resume");
        assertEquals(1, otherConfig.code());
        assertTrue(otherConfig.err().contains("belongs to a run with config"), otherConfig.err());

        Path state = out.resolve(HyperFiles.STATE);
        byte[] good = Files.readAllBytes(state);
        Files.write(state, Arrays.copyOf(good, good.length - 100));
        Outcome truncated = hyper(with(base, "--resume"));
        assertEquals(1, truncated.code());
        assertTrue(truncated.err().contains("is corrupt (truncated)"), truncated.err());
        Files.write(state, good);

        Path model = out.resolve(HyperFiles.AUTOENCODER);
        byte[] sd = Files.readAllBytes(model);
        Files.write(model, Arrays.copyOf(sd, sd.length / 3));
        Outcome brokenModel = hyper(with(base, "--resume"));
        assertEquals(1, brokenModel.code());
        assertTrue(brokenModel.err().contains("not a readable autoencoder"), brokenModel.err());

        Outcome brokenWarm = hyper("train", "--zoo", zoo.toString(), "--out", shared.resolve("warm").toString(), "--config", cfg.toString(),
                "--warm-start", out.toString());
        assertEquals(1, brokenWarm.code());
        assertTrue(brokenWarm.err().contains("not a readable autoencoder"), brokenWarm.err());

        // an autoencoder directory of another architecture
        Files.write(model, sd);
        HyperFiles.writeNormalization(out, new NormalizationStats(new LayerScales(Architectures.CNN_L, new double[] {1, 1, 1, 1, 1}),
                new float[Architectures.CNN_L.parameterCount()]));
        Outcome otherArch = hyper("train", "--zoo", zoo.toString(), "--out", shared.resolve("warm2").toString(), "--config", cfg.toString(),
                "--warm-start", out.toString());
        assertEquals(1, otherArch.code());
        assertTrue(otherArch.err().contains("trained on cnn-l checkpoints, this zoo is cnn-s"), otherArch.err());

        Outcome both = hyper(with(base, "--resume", "--warm-start", out.toString()));
        assertEquals(1, both.code());
        assertTrue(both.err().contains("pass only one"), both.err());
    }

    static String[] with(String[] base, String... more) {
        String[] a = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, a, base.length, more.length);
        return a;
    }
}
