package io.hyperrep.lab.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.stats.BootstrapCI;
import io.hyperrep.report.MarkdownTable;
import io.hyperrep.zoo.eval.AccuracyCurve;
import io.hyperrep.zoo.eval.Ensembles;
import io.hyperrep.zoo.eval.EvaluationPlan;
import io.hyperrep.zoo.eval.EvaluationResults;
import io.hyperrep.zoo.eval.NoveltyScores;
import io.hyperrep.zoo.eval.PopulationKind;
import io.hyperrep.zoo.eval.PopulationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report tables and checks from constructed results (no models involved). */
class ReportWriterTest {

    /** n accuracies from {@code from} in steps of 0.01. */
    static double[] acc(double from, int n) {
        return IntStream.range(0, n).mapToDouble(i -> from + 0.01 * i).toArray();
    }

    static PopulationResult pop(String name, PopulationKind kind, double[][] curve) {
        int n = curve[0].length;
        return pop(
                name,
                kind,
                curve,
                new NoveltyScores(acc(0.2, n), acc(0.5, n), 0.2 + 0.005 * (n - 1), 0.8, 0.6),
                Map.of("source", "test"));
    }

    /** A noise baseline of ten models at {@code sigma}, measured at epoch 0 only. */
    static PopulationResult noise(String sigma, double accuracy, NoveltyScores nov) {
        return pop(
                "noise-" + sigma,
                PopulationKind.NOISE,
                new double[][] {acc(accuracy, 10)},
                nov,
                Map.of("source", "test", "sigma", sigma));
    }

    static PopulationResult pop(
            String name, PopulationKind kind, double[][] curve, NoveltyScores nov, Map<String, String> lineage) {
        int n = curve[0].length;
        List<String> ids = IntStream.range(0, n).mapToObj(i -> name + "-" + i).toList();
        Map<Integer, List<Ensembles.Result>> ens =
                Map.of(0, List.of(new Ensembles.Result(1, curve[0]), new Ensembles.Result(20, new double[0])));
        return new PopulationResult(
                name,
                kind,
                ids,
                lineage,
                n,
                0,
                Map.of("fashion-mnist", new AccuracyCurve("fashion-mnist", curve)),
                nov,
                ens,
                Map.of());
    }

    static EvaluationResults results() {
        EvaluationPlan plan = EvaluationPlan.builder()
                .finetuneEpochs(1)
                .transferTasks(List.of())
                .ensembleSizes(List.of(1, 20))
                .maxModels(10)
                .build();
        List<PopulationResult> pops = new ArrayList<>();
        pops.add(pop("S_x", PopulationKind.SAMPLE, new double[][] {acc(0.70, 10), acc(0.80, 10)}));
        pops.add(pop("B_T", PopulationKind.SCRATCH, new double[][] {acc(0.05, 10), acc(0.60, 10)}));
        pops.add(pop("B_F", PopulationKind.ZOO_FINETUNED, new double[][] {acc(0.82, 10), acc(0.83, 10)}));
        // noise: epoch 0 only; means 82.5% (ratio 0.145, IoU 0.745) and 64.5% (ratio 0.345, IoU 0.445)
        pops.add(noise("0.02", 0.78, new NoveltyScores(acc(0.1, 10), acc(0.7, 10), 0.145, 0.5, 0.7)));
        pops.add(noise("0.04", 0.60, new NoveltyScores(acc(0.3, 10), acc(0.4, 10), 0.345, 0.6, 0.5)));
        pops.add(pop("anchors", PopulationKind.ANCHORS, new double[][] {acc(0.85, 1)}));
        NoveltyScores training = new NoveltyScores(acc(0.9, 8), acc(0.6, 8), 1.0, 1.0, 0.6);
        return new EvaluationResults(
                Map.of(
                        "zooId",
                        "z",
                        "arch",
                        "cnn-s",
                        "dataset",
                        "fashion-mnist",
                        "epochWindow",
                        "4-8",
                        "trainCheckpoints",
                        "40",
                        "trainModels",
                        "8"),
                plan,
                "fashion-mnist",
                10_000,
                50_000,
                pops,
                training,
                12);
    }

    @Test
    void shouldWriteStatisticsTablesChecksAndPlots(@TempDir Path dir) throws Exception {
        Path report =
                new ReportWriter(new BootstrapCI(1000, 0.95, BootstrapCI.Method.PERCENTILE)).write(results(), dir);
        String md = Files.readString(report);
        // mean of 0.70..0.79 = 74.50%, sample std 3.03 pp; fully separated from B_T (10 vs 10): MWU p = 0.00018.
        assertTrue(md.contains("| S_x | sample | 10 | 74.50 | 3.03 | 74.50 | ["), md);
        assertTrue(md.contains("| +65.00 | 0.0002 | 87.6% |"), "Δ vs B_T, p and share of the anchors' 85%");
        assertTrue(md.contains("| B_T | B_T | 10 | 9.50 | 3.03 | 9.50 | ["), md);
        // Targets: 74.50% < 90% of 85% = 76.50%; mean ratio 0.245 < 0.8; mean IoU 0.545 <= the training split's 0.635;
        // noise curve at 74.5%: t = (74.5 - 82.5) / (64.5 - 82.5) = 4/9, ratio 0.145 + 0.2 t = 0.234, IoU 0.745 - 0.3 t
        // = 0.612
        assertTrue(md.contains("**S_x**: 3 of 5 met"), md);
        assertTrue(
                md.contains(
                        "- MISSED: epoch-0 mean accuracy >= 90% of the anchors' mean: 74.50% = 87.6% of the anchors' 85.00% "
                                + "(short by 2.00 pp (needs >= 76.50%))"),
                md);
        assertTrue(md.contains("- MISSED: mean nearest-distance ratio >= 0.80: mean ratio 0.245 (short by 0.555)"), md);
        assertTrue(
                md.contains(
                        "- MET: mean max error-set IoU <= the zoo's own train→train mean: mean max IoU 0.545 vs train→train 0.635"),
                md);
        assertTrue(
                md.contains(
                        "- MET: strictly more novel than the noise curve at the same accuracy (higher L2 ratio and lower max IoU): "
                                + "ratio 0.245 vs noise 0.234, IoU 0.545 vs noise 0.612 (noise interpolated between noise-0.02 and noise-0.04 at 74.50%)"),
                md);
        // vs B_F after epoch 1: 0.80 + 0.01 i against 0.83 + 0.01 j (as doubles, so without exact ties): scipy's
        // asymptotic
        // MWU p = 0.0962, Holm over 2 tests stays 0.0962 (the larger p); HL shift -3 pp
        assertTrue(
                md.contains(
                        "- MET: after the last fine-tuning epoch not below B_F (Holm-adjusted Mann–Whitney, α = 0.05): epoch 1: "
                                + "not different; HL shift -3.00 pp"),
                md);
        // vs B_T after epoch 1: fully separated, p = 0.00018, Holm 2 x p = 0.00037; HL shift +20 pp, R's interval [17,
        // 23] pp
        assertTrue(
                md.contains(
                        "| S_x | B_T | fashion-mnist | 1 | 10 | 10 | +20.00 | +20.00 | [+17.00, +23.00] | 0.0002 | 0.0004 | above |"),
                md);
        assertTrue(md.contains("| S_x | B_F | fashion-mnist | 1 | 10 | 10 | -3.00 | -3.00 | [-6.00, "), md);
        assertTrue(md.contains("| 0.0962 | 0.0962 | not different |"), md);
        assertTrue(md.contains("2 tests: 1 sample population(s) x {B_T, B_F}"), md);
        assertTrue(
                md.contains("| S_x | 0 | 74.50 ± 3.03 (10) | — |"),
                "ensembles: k = 20 is not available from 10 models");
        assertTrue(md.contains("| anchors | 85.00 |  |"), "anchors have no epoch-1 value in the curve table");
        for (String plot : List.of(
                "accuracy-fashion-mnist-epoch-0",
                "accuracy-fashion-mnist-epoch-1",
                "curves-fashion-mnist",
                "novelty-distance",
                "novelty-iou",
                "diversity",
                "novelty-distance-zoom",
                "novelty-iou-zoom",
                "diversity-zoom")) {
            DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(dir.resolve("plots/" + plot + ".svg").toFile());
        }
        assertEquals(
                1 + 10 * 2 * 3 + 10 * 2 + 1,
                Files.readAllLines(dir.resolve("accuracy.csv")).size(),
                "header + 3 fine-tuned populations x 2 epochs x 10 + 2 noise populations x 10 + anchors");
        String curve = Files.readString(dir.resolve("plots/novelty-distance-zoom.svg"));
        assertTrue(
                curve.contains(">σ 0.02<") && curve.contains(">σ 0.04<"),
                "the noise curve's points are labelled with σ");
        assertTrue(curve.contains("zoo train→train"), "the zoo's own reference point");
    }

    @Test
    void shouldRenderMarkdownTablesAlignedAndEscaped() {
        String t = new MarkdownTable("name", "#value")
                .row("a|b", "1.00")
                .row("c", "22")
                .render();
        assertEquals("| name | value |\n|---|---:|\n| a\\|b | 1.00 |\n| c | 22 |\n", t);
        assertThrows(IllegalArgumentException.class, () -> new MarkdownTable("a", "b").row("only one"));
        assertEquals("61.00 (1)", ReportWriter.ensembleCell(new Ensembles.Result(5, new double[] {0.61})));
        assertEquals("—", ReportWriter.ensembleCell(new Ensembles.Result(5, new double[0])));
        assertEquals("<0.0001", ReportWriter.p(3e-6));
    }
}
