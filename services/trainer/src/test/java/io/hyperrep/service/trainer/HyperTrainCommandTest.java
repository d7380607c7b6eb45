package io.hyperrep.service.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.service.zoo.ZooCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** End to end at tiny size: a zoo is trained, then a hyper-representation of it, with every artifact. */
class HyperTrainCommandTest {

    @Test
    void shouldTrainAHyperRepresentationOfATinyZooAndWriteItsArtifacts(@TempDir Path tmp) throws Exception {
        Path zoo = tmp.resolve("zoo");
        assertEquals(0, new CommandLine(new ZooCommand()).execute("train", "--models", "12", "--epochs", "1", "--train-images", "200",
                "--keep-epochs", "0-1", "--out", zoo.toString()));
        Path cfg = tmp.resolve("ae.json");
        Files.writeString(cfg, "{\"dModel\":16,\"heads\":2,\"dFf\":32,\"blocks\":1,\"latent\":16,\"dropout\":0.1,\"projectionLayers\":2,"
                + "\"projectionHidden\":16,\"projectionOut\":8,\"gamma\":0.1,\"temperature\":0.1,\"lwln\":true,\"batchSize\":4}");
        Path out = tmp.resolve("hyper");
        assertEquals(0, new CommandLine(new HyperCommand()).execute("train", "--zoo", zoo.toString(), "--out", out.toString(),
                "--config", cfg.toString(), "--epochs", "2"));
        for (String f : new String[] {"autoencoder.sd", "config.json", "normalization.json", "curves.csv", "curves.svg", "manifest.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(5, m.at("/reconstruction/r2PerLayer").size());
        assertEquals(3, Files.readAllLines(out.resolve("curves.csv")).size());
        assertEquals(Checkpoint.sha256(Files.readAllBytes(out.resolve("autoencoder.sd"))), m.at("/sha256/autoencoder.sd").asText());
        assertEquals(42, m.at("/lineage/splitSeed").asInt());
        assertTrue(m.at("/reconstruction/originalMeanTestAcc").asDouble() > 0.15, "the tiny zoo learned something (chance is 0.1)");

        CommandLine bad = new CommandLine(new HyperCommand());
        Files.writeString(cfg, "{\"dModel\":30,\"heads\":4}");
        bad.setExecutionExceptionHandler((ex, c, p) -> {
            c.getErr().println(ex.getMessage());
            return 1;
        });
        java.io.StringWriter err = new java.io.StringWriter();
        bad.setErr(new java.io.PrintWriter(err));
        assertEquals(1, bad.execute("train", "--zoo", zoo.toString(), "--out", out.toString(), "--config", cfg.toString()));
        assertTrue(err.toString().contains("not a valid autoencoder config"), err.toString());
    }
}
