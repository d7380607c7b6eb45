package io.hyperrep.lab.evaluate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.zoo.Initialization;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.zoo.ZooDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code evaluate} end to end on a tiny zoo, and its refusals of bad input. */
class EvaluateCommandTest {

    @TempDir
    static Path tmp;

    static ZooDirectory zoo;

    @BeforeAll
    static void tinyZoo() {
        ImageDataset data = Datasets.load("fashion-mnist", null);
        zoo = TinyZoo.create(tmp.resolve("zoo"), data);
    }

    /** Runs the command as the launcher does: known failures print one line and exit 1. */
    static int run(StringWriter err, String... args) {
        return run(new java.io.ByteArrayOutputStream(), err, args);
    }

    static int run(java.io.ByteArrayOutputStream out, StringWriter err, String... args) {
        EvaluateCommand command = new EvaluateCommand();
        command.out = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        CommandLine cl = new CommandLine(command);
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof io.hyperrep.zoo.ZooException) {
                cmd.getErr().println("hyperrep: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    @Test
    void shouldEvaluateSampledPopulationsAgainstEveryBaselineAndWriteTheReport() throws Exception {
        Path kde = TinyZoo.samples(tmp.resolve("kde"), zoo, 5, 0.01, "S_test");
        Path uniform = tmp.resolve("uniform");
        for (int i = 0; i < 3; i++) {
            TinyZoo.write(
                    uniform,
                    "u" + i,
                    TinyZoo.ARCH,
                    ModelSeeds.initialWeights(TinyZoo.ARCH, Initialization.PYTORCH_DEFAULT, 900 + i));
        }
        Path report = tmp.resolve("report");
        StringWriter err = new StringWriter();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = run(
                out,
                err,
                "--zoo",
                zoo.root().toString(),
                "--samples",
                kde.toString(),
                "--samples",
                uniform.toString(),
                "--finetune-epochs",
                "1",
                "--report",
                report.toString(),
                "--max-models",
                "3",
                "--finetune-images",
                "100",
                "--test-images",
                "1000",
                "--ensemble-sizes",
                "1,2",
                "--workers",
                "2",
                "--finetune-models",
                "2");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString(UTF_8).contains("report written to"), out.toString(UTF_8));

        List<String> populations = List.of("S_test", "uniform", "B_T", "B_F", "noise-0.02", "noise-0.04", "anchors");
        String md = Files.readString(report.resolve("REPORT.md"));
        for (String p : populations) {
            assertTrue(md.contains("| " + p + " |"), "REPORT.md lists " + p);
        }
        for (String section : List.of(
                "## Targets",
                "## Samples vs B_T and B_F after fine-tuning",
                "### Samples against the noise curve",
                "## Accuracy in-distribution: `fashion-mnist`",
                "### Epoch 0",
                "### Epoch 1",
                "## Transfer: `fashion-mnist-rot90`",
                "## Ensembles",
                "## Novelty")) {
            assertTrue(md.contains(section), section);
        }
        for (String plot : List.of(
                "accuracy-fashion-mnist-epoch-0",
                "accuracy-fashion-mnist-epoch-1",
                "accuracy-fashion-mnist-rot90-epoch-1",
                "curves-fashion-mnist",
                "curves-fashion-mnist-rot90",
                "novelty-distance-zoom",
                "novelty-iou-zoom",
                "diversity-zoom",
                "novelty-distance",
                "novelty-iou",
                "diversity")) {
            Path svg = report.resolve("plots/" + plot + ".svg");
            assertTrue(md.contains("(plots/" + plot + ".svg)"), "REPORT.md embeds or links " + plot);
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile()); // well-formed XML
        }
        assertTrue(Files.readString(report.resolve("plots/curves-fashion-mnist.svg"))
                .contains("S_test"));
        assertTrue(
                Files.readString(report.resolve("plots/novelty-distance-zoom.svg"))
                        .contains("σ 0.04"),
                "the noise curve, labelled with σ");
        assertTrue(
                Files.readString(report.resolve("plots/novelty-distance.svg")).contains(">epoch 1<"),
                "B_T's path after fine-tuning");

        JsonNode r = new ObjectMapper().readTree(report.resolve("results.json").toFile());
        assertEquals(populations.size(), r.get("populations").size());
        JsonNode kdeResult = pop(r, "S_test");
        assertEquals(3, kdeResult.at("/members").size(), "--max-models caps the 5 generated models");
        assertEquals(5, kdeResult.get("offered").asInt());
        assertEquals(2, kdeResult.at("/accuracy/fashion-mnist").size(), "epochs 0 and 1");
        assertEquals(3, kdeResult.at("/accuracy/fashion-mnist/0").size(), "epoch 0: every model");
        assertEquals(
                2,
                kdeResult.at("/accuracy/fashion-mnist/1").size(),
                "--finetune-models 2: only the first two are fine-tuned");
        assertEquals(2, pop(r, "B_T").at("/accuracy/fashion-mnist-rot90/1").size(), "on transfer tasks too");
        assertEquals(1, pop(r, "noise-0.02").at("/accuracy/fashion-mnist").size(), "noise: epoch 0 only");
        assertEquals(
                2,
                pop(r, "B_T").at("/finetunedNovelty/1/relativeDistance").size(),
                "B_T's fine-tuned weights are scored");
        assertEquals(8, r.at("/comparisons/tests").size(), "2 samples x {B_T, B_F} x epoch 1 x 2 tasks");
        assertEquals(5, r.at("/targets/populations/S_test").size());
        assertEquals(2, kdeResult.at("/accuracy/fashion-mnist-rot90").size());
        assertEquals(1, pop(r, "anchors").at("/accuracy/fashion-mnist").size(), "anchors: epoch 0 only");
        assertTrue(
                pop(r, "noise-0.02").at("/accuracy/fashion-mnist-rot90").isMissingNode(), "noise is not transferred");
        double kde0 = mean(kdeResult.at("/accuracy/fashion-mnist/0"));
        double scratch0 = mean(pop(r, "B_T").at("/accuracy/fashion-mnist/0"));
        assertTrue(
                kde0 > scratch0 + 0.2,
                "copies of trained models beat random initialisations at epoch 0: " + kde0 + " vs " + scratch0);
        assertEquals(
                0.0,
                pop(r, "B_F").at("/novelty/medianRelativeDistance").asDouble(),
                1e-9,
                "B_F are training checkpoints");
        assertTrue(
                pop(r, "noise-0.04").at("/novelty/medianRelativeDistance").asDouble()
                        > pop(r, "noise-0.02")
                                .at("/novelty/medianRelativeDistance")
                                .asDouble(),
                "more noise, farther away");
        assertEquals(1, kdeResult.at("/ensembles/0/2").size(), "3 models make 1 disjoint ensemble of 2");
        assertEquals(
                2,
                kdeResult.at("/ensembles/1/1").size(),
                "k = 1 after fine-tuning: every fine-tuned model (--finetune-models 2)");
        assertTrue(Files.readAllLines(report.resolve("accuracy.csv")).size() > 1);
    }

    @Test
    void shouldRefuseAModelOfAnotherArchitectureNamingItsFile() throws Exception {
        Path dir = tmp.resolve("foreign");
        TinyZoo.write(
                dir, "ok", TinyZoo.ARCH, ModelSeeds.initialWeights(TinyZoo.ARCH, Initialization.KAIMING_UNIFORM, 1));
        Path bad = TinyZoo.write(
                dir,
                "big",
                Architectures.CNN_L,
                ModelSeeds.initialWeights(Architectures.CNN_L, Initialization.KAIMING_UNIFORM, 1));
        String err = refusal(dir, tmp.resolve("r1"));
        assertTrue(err.contains(bad.toString()) && err.contains("cnn-l"), err);
    }

    @Test
    void shouldRefuseImpossibleSettingsAndEmptyPopulations() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        String[][] cases = {
            {"--max-models", "0"},
            {"--finetune-epochs", "-1"},
            {"--transfer", "mnist"},
            {"--novelty-gate", "-1"},
        };
        String[] messages = {
            "--max-models must be positive",
            "--finetune-epochs must be in 0..1000",
            "unknown dataset 'mnist'",
            "novelty threshold must be finite and >= 0"
        };
        Path kde = TinyZoo.samples(tmp.resolve("kde-bad-settings"), zoo, 2, 0.01, null);
        for (int i = 0; i < cases.length; i++) {
            String err = refusal(kde, tmp.resolve("r2"), cases[i]);
            assertTrue(err.contains(messages[i]), err);
        }
        String err = refusal(empty, tmp.resolve("r3"));
        assertTrue(err.contains("holds no generated models"), err);
        assertTrue(
                Files.notExists(tmp.resolve("r2")) && Files.notExists(tmp.resolve("r3")),
                "nothing written on bad input");
    }

    /** The error output of evaluating {@code samples} against the tiny zoo into {@code report}, which must exit 1. */
    private static String refusal(Path samples, Path report, String... options) {
        StringWriter err = new StringWriter();
        String[] args = concat(
                new String[] {
                    "--zoo", zoo.root().toString(), "--samples", samples.toString(), "--report", report.toString()
                },
                options);
        assertEquals(1, run(err, args), String.join(" ", options) + ": " + err);
        return err.toString();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static JsonNode pop(JsonNode r, String name) {
        for (JsonNode p : r.get("populations")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no population " + name);
    }

    private static double mean(JsonNode values) {
        double s = 0;
        for (JsonNode v : values) {
            s += v.asDouble();
        }
        return s / values.size();
    }
}
