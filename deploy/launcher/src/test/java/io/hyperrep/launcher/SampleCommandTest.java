package io.hyperrep.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.io.ArtifactStore;
import io.hyperrep.ml.hyper.HyperFiles;
import io.hyperrep.zoo.ZooDirectory;
import io.hyperrep.zoo.eval.Population;
import io.hyperrep.zoo.eval.SampleDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hyperrep sample} on a tiny zoo and autoencoder, through the launcher's command line: output, lineage and refusals. */
class SampleCommandTest {

    static final String TINY_AE =
            "{\"dModel\":16,\"heads\":2,\"dFf\":32,\"blocks\":1,\"latent\":16,\"dropout\":0.1,\"projectionLayers\":2,"
                    + "\"projectionHidden\":16,\"projectionOut\":8,\"gamma\":0.1,\"temperature\":0.1,\"lwln\":true,\"batchSize\":4}";

    @TempDir
    static Path tmp;

    static Path zoo;
    static Path hyper;

    record Outcome(int code, String out, String err) {}

    static Outcome run(String... args) {
        var cl = Hyperrep.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        var stdout = System.out;
        var buf = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buf, true));
        try {
            return new Outcome(cl.execute(args), buf.toString(UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
        }
    }

    @BeforeAll
    static void tinyZooAndAutoencoder() throws Exception {
        zoo = tmp.resolve("zoo");
        // two trained epochs, so each model has two checkpoints in the window and per-model anchors differ from 'all'
        assertEquals(
                0,
                run(
                                "zoo",
                                "train",
                                "--models",
                                "12",
                                "--epochs",
                                "2",
                                "--train-images",
                                "200",
                                "--keep-epochs",
                                "0-2",
                                "--out",
                                zoo.toString())
                        .code());
        Path cfg = tmp.resolve("ae.json");
        Files.writeString(cfg, TINY_AE);
        hyper = tmp.resolve("hyper");
        Outcome trained = run(
                "hyper",
                "train",
                "--zoo",
                zoo.toString(),
                "--out",
                hyper.toString(),
                "--config",
                cfg.toString(),
                "--epochs",
                "1");
        assertEquals(0, trained.code(), trained.err());
    }

    @Test
    void shouldWriteMeasuredSamplesWithLineageThatEvaluateReads() throws Exception {
        Path out = tmp.resolve("kde");
        String[] sixKde = {"--method", "kde", "--n", "6", "--seed", "7"};
        Outcome o = sampleInto(out, sixKde);
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("wrote 6 kde models"), o.out());

        JsonNode p = population(out);
        assertEquals("kde", p.get("method").asText());
        assertEquals(7, p.get("seed").asLong());
        assertEquals(6, p.get("written").asInt());
        assertEquals(0, p.get("rejectedNonFinite").asInt());
        assertTrue(p.get("anchorCount").asInt() >= 1);
        assertTrue(
                p.path("samplerParameters").has("bandwidthRule")
                        || p.path("samplerParameters").size() > 0,
                p.toString());
        String aeSha = ArtifactStore.sha256(hyper.resolve(HyperFiles.AUTOENCODER));
        assertEquals(
                aeSha, p.get("autoencoderSha256").asText(), "lineage names the autoencoder the models were decoded by");
        assertEquals(
                aeSha,
                new ObjectMapper()
                        .readTree(hyper.resolve("manifest.json").toFile())
                        .get("autoencoderSha256")
                        .asText(),
                "as its manifest does");
        double acc = p.get("meanTestAcc").asDouble();
        assertTrue(acc >= 0 && acc <= 1, "accuracy measured: " + acc);

        Population pop = SampleDirectory.read(out, Architectures.CNN_S);
        assertEquals(6, pop.size());
        assertEquals("kde", pop.name());
        var first = ZooDirectory.readCheckpoint(out.resolve("checkpoints/sample-0000/epoch-000.json"));
        assertEquals(0, first.epoch());
        assertEquals(first.metrics().testAcc(), first.metrics().testAcc(), "metrics are numbers");

        Path again = tmp.resolve("kde-again");
        assertEquals(0, sampleInto(again, sixKde).code());
        assertEquals(
                Files.readString(out.resolve("checkpoints/sample-0003/epoch-000.json")),
                Files.readString(again.resolve("checkpoints/sample-0003/epoch-000.json")),
                "same seed, same model");
    }

    @Test
    void shouldRecordTheAutoencoderRelativeToTheWorkingDirectoryWhenInsideIt() throws Exception {
        // the working directory of a test is its module; a copy of the autoencoder below target/ lies inside it
        Path inside = Path.of("target", "sample-portable-" + System.nanoTime()).toAbsolutePath();
        try (var files = Files.walk(hyper)) {
            for (Path f : files.toList()) {
                Path to = inside.resolve(hyper.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        Path out = tmp.resolve("portable");
        // Kept apart (duplicates): --hyper names the copy inside the working directory, not the one sampleInto passes
        Outcome o = run(
                "sample",
                "--hyper",
                inside.toString(),
                "--zoo",
                zoo.toString(),
                "--method",
                "kde",
                "--n",
                "2",
                "--out",
                out.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode p = population(out);
        assertEquals(
                "target/" + inside.getFileName(),
                p.get("hyper").asText(),
                "an absolute path inside the working directory is written relative");

        Outcome outside = sampleInto(tmp.resolve("absolute"), "--method", "kde", "--n", "2");
        assertEquals(0, outside.code(), outside.err());
        assertEquals(
                hyper.toAbsolutePath().normalize().toString(),
                population(tmp.resolve("absolute")).get("hyper").asText(),
                "outside it: absolute");
    }

    @Test
    void shouldScaleTheKdeBandwidthsAndAnchorOneCheckpointPerModel() throws Exception {
        JsonNode plain = sample("kde-plain", "--method", "kde", "--anchors", "per-model", "--anchor-fraction", "1");
        JsonNode narrow = sample(
                "kde-narrow",
                "--method",
                "kde",
                "--anchors",
                "per-model",
                "--anchor-fraction",
                "1",
                "--bandwidth-scale",
                "0.5");
        JsonNode all = sample("kde-all", "--method", "kde", "--anchors", "all");

        assertEquals("per-model", narrow.get("anchorRule").asText());
        assertEquals("all", all.get("anchorRule").asText());
        assertEquals(
                narrow.get("anchorCount").asInt(), narrow.get("anchorModels").asInt(), "one anchor per model");
        assertEquals(
                all.get("anchorModels").asInt(),
                narrow.get("anchorModels").asInt(),
                "fraction 1 keeps every training model");
        assertEquals(
                2 * narrow.get("anchorCount").asInt(),
                all.get("anchorCount").asInt(),
                "'all' keeps both epochs of every model");

        assertEquals(
                1.0,
                plain.path("samplerParameters").path("bandwidthScale").asDouble(),
                "the default scale is recorded");
        assertEquals(
                0.5, narrow.path("samplerParameters").path("bandwidthScale").asDouble());
        double[] h = bandwidths(plain);
        double[] half = bandwidths(narrow);
        assertEquals(h.length, half.length);
        for (int j = 0; j < h.length; j++) {
            assertEquals(0.5 * h[j], half[j], 1e-12 * h[j], "bandwidth of dimension " + j);
        }
        JsonNode joint = sample("joint-wide", "--method", "kde-joint", "--bandwidth-scale", "2");
        assertEquals(2.0, joint.path("samplerParameters").path("bandwidthScale").asDouble(), joint.toString());
    }

    @Test
    void shouldNameThePopulationAsAskedSoEvaluateReportsItUnderThatName() throws Exception {
        Path out = tmp.resolve("named");
        JsonNode p = sample("named", "--method", "kde", "--name", "kde-per-model");
        assertEquals("kde-per-model", p.get("name").asText());
        assertEquals("kde", p.get("method").asText(), "the method stays recorded as such");
        assertEquals(
                "kde-per-model", SampleDirectory.read(out, Architectures.CNN_S).name());

        assertRefused(tmp.resolve("blank"), "--name must not be blank", "--method", "kde", "--n", "2", "--name", " ");
        assertTrue(!Files.exists(tmp.resolve("blank")), "nothing written");
    }

    /** Two models, seed 3, into {@code tmp/dir}: the population.json of a run that must succeed. */
    private static JsonNode sample(String dir, String... options) throws Exception {
        Path out = tmp.resolve(dir);
        Outcome o = sampleInto(out, with(options, "--n", "2", "--seed", "3"));
        assertEquals(0, o.code(), o.err());
        return population(out);
    }

    /** {@code hyperrep sample --hyper <the tiny autoencoder> OPTIONS --out OUT}. */
    private static Outcome sampleInto(Path out, String... options) {
        return run(with(with(new String[] {"sample", "--hyper", hyper.toString()}, options), "--out", out.toString()));
    }

    /** A run of {@link #sampleInto} that must exit 1 and say {@code message}. */
    private static void assertRefused(Path out, String message, String... options) {
        Outcome o = sampleInto(out, options);
        assertEquals(1, o.code(), o.out());
        assertTrue(o.err().contains(message), o.err());
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static JsonNode population(Path sampleDir) throws java.io.IOException {
        return new ObjectMapper().readTree(sampleDir.resolve("population.json").toFile());
    }

    /** The sampler's per-dimension bandwidths as population.json records them ("[h1, h2, ...]"). */
    private static double[] bandwidths(JsonNode population) {
        String list = population.path("samplerParameters").path("bandwidths").asText();
        return java.util.Arrays.stream(list.substring(1, list.length() - 1).split(","))
                .mapToDouble(x -> Double.parseDouble(x.strip()))
                .toArray();
    }

    @Test
    void shouldRefuseABandwidthScaleItCannotApplyAndUnknownAnchorRules() {
        assertRefused(
                tmp.resolve("z"),
                "--bandwidth-scale must be a positive number, got 0.0",
                "--method",
                "kde",
                "--n",
                "3",
                "--bandwidth-scale",
                "0");
        assertRefused(
                tmp.resolve("ng"),
                "--bandwidth-scale applies to methods with a KDE bandwidth (kde, kde-joint), not to neigh",
                "--method",
                "neigh",
                "--n",
                "3",
                "--bandwidth-scale",
                "1");
        assertRefused(
                tmp.resolve("r"),
                "--anchors must be top, all or per-model, got 'best'",
                "--method",
                "kde",
                "--n",
                "3",
                "--anchors",
                "best");
        assertTrue(
                !Files.exists(tmp.resolve("z")) && !Files.exists(tmp.resolve("ng")) && !Files.exists(tmp.resolve("r")),
                "nothing written");
    }

    @Test
    void shouldRefuseBadInputWithAClearMessage() throws Exception {
        assertRefused(tmp.resolve("u"), "unknown sampling method 'magic'", "--method", "magic", "--n", "3");
        assertRefused(tmp.resolve("n"), "--n must be a positive number", "--method", "kde", "--n", "0");

        Path full = tmp.resolve("full");
        Files.createDirectories(full);
        Files.writeString(full.resolve("x.txt"), "x");
        assertRefused(full, "is not empty", "--method", "kde", "--n", "3");

        // Kept apart (duplicates): --hyper names the zoo here, not the autoencoder sampleInto passes
        Outcome noHyper = run(
                "sample",
                "--hyper",
                zoo.toString(),
                "--method",
                "kde",
                "--n",
                "3",
                "--out",
                tmp.resolve("h").toString());
        assertEquals(1, noHyper.code());
        assertTrue(noHyper.err().contains("no manifest.json"), noHyper.err());

        // a zoo of the other architecture: its spec is all the check needs
        Path large = tmp.resolve("large-zoo");
        Files.createDirectories(large);
        Files.writeString(
                large.resolve("zoo.json"),
                Files.readString(zoo.resolve("zoo.json")).replace("\"cnn-s\"", "\"cnn-l\""));
        assertRefused(
                tmp.resolve("m"),
                "encodes cnn-s models but zoo",
                "--zoo",
                large.toString(),
                "--method",
                "kde",
                "--n",
                "3");
    }
}
