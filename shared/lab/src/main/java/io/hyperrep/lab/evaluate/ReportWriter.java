package io.hyperrep.lab.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperrep.core.io.AtomicFiles;
import io.hyperrep.core.stats.BootstrapCI;
import io.hyperrep.core.stats.Summary;
import io.hyperrep.report.MarkdownTable;
import io.hyperrep.report.plot.SvgBoxPlot;
import io.hyperrep.report.plot.SvgCurvePlot;
import io.hyperrep.report.plot.SvgScatterPlot;
import io.hyperrep.zoo.eval.AccuracyCurve;
import io.hyperrep.zoo.eval.Baselines;
import io.hyperrep.zoo.eval.Ensembles;
import io.hyperrep.zoo.eval.EvaluationResults;
import io.hyperrep.zoo.eval.EvaluationTargets;
import io.hyperrep.zoo.eval.FineTuneComparisons;
import io.hyperrep.zoo.eval.NoiseCurve;
import io.hyperrep.zoo.eval.NoveltyScores;
import io.hyperrep.zoo.eval.PopulationKind;
import io.hyperrep.zoo.eval.PopulationResult;
import io.hyperrep.zoo.eval.ResultStatistics;
import io.hyperrep.zoo.eval.ResultStatistics.Comparison;
import io.hyperrep.zoo.eval.ResultStatistics.EpochStats;
import io.hyperrep.zoo.eval.TargetAssessment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an evaluation's report directory: {@code REPORT.md} (tables and the acceptance checks),
 * SVG plots under {@code plots/}, every measured number in {@code results.json}, and flat CSVs
 * ({@code accuracy.csv}, {@code novelty.csv}, {@code ensembles.csv}) for further analysis.
 */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The zoo's own reference point in the scatter plots: gold, apart from every population's colour. */
    private static final String ZOO_COLOR = "#ffd700";

    private final BootstrapCI bootstrap;
    private final EvaluationTargets targets;

    public ReportWriter() {
        this(BootstrapCI.defaults());
    }

    ReportWriter(BootstrapCI bootstrap) {
        this.bootstrap = bootstrap;
        this.targets = EvaluationTargets.defaults();
    }

    /** Writes the report into {@code dir} (created if needed) and returns the path of REPORT.md. */
    public Path write(EvaluationResults r, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("plots"));
        Palette palette = new Palette(r.populations());
        List<Integer> epochs = r.plan().reportEpochs();
        List<EpochStats> stats = ResultStatistics.perEpoch(r, epochs, bootstrap);
        List<Comparison> vsScratch = ResultStatistics.against(r, Baselines.SCRATCH, epochs);
        List<FineTuneComparisons.Comparison> family = FineTuneComparisons.of(r, epochs, targets.alpha());
        NoiseCurve noise = NoiseCurve.of(r);
        Map<String, List<TargetAssessment.Result>> assessed = TargetAssessment.of(r, family, noise, targets);

        StringBuilder md = new StringBuilder();
        header(md, r);
        populations(md, r);
        targetsSection(md, assessed);
        for (String task : r.tasks()) {
            accuracySection(md, r, task, epochs, stats, vsScratch, palette, dir);
        }
        comparisons(md, family);
        ensembles(md, r);
        novelty(md, r, noise, palette, dir);
        md.append("## Files\n\n");
        md.append(
                "- `results.json`: every measured number (per-model accuracy per task and epoch, novelty, ensembles) and the plan.\n");
        md.append("- `accuracy.csv`, `novelty.csv`, `ensembles.csv`: the same, flat.\n");
        md.append("- `plots/`: the SVG figures above.\n");

        writeJson(r, family, noise, assessed, dir.resolve("results.json"));
        writeCsvs(r, dir);
        Path report = dir.resolve("REPORT.md");
        AtomicFiles.write(report, md.toString().getBytes(StandardCharsets.UTF_8));
        return report;
    }

    private static void header(StringBuilder md, EvaluationResults r) {
        Map<String, String> z = r.zoo();
        md.append("# Evaluation of generated models: zoo `")
                .append(z.get("zooId"))
                .append("`\n\n");
        md.append(String.format(
                Locale.ROOT,
                "- Zoo: %s, %s on `%s`; training split (epochs %s): %s checkpoints of %s models. "
                        + "Novelty, B_F, the anchors and the noise baselines come from this split.%n",
                z.get("zooId"),
                z.get("arch"),
                z.get("dataset"),
                z.get("epochWindow"),
                z.get("trainCheckpoints"),
                z.get("trainModels")));
        md.append(String.format(
                Locale.ROOT,
                "- Accuracy on %d test images; fine-tuning: %d epoch(s) of %d training images with the zoo's recipe "
                        + "(fresh Adam); model i of every population sees the same data order. Epoch-0 accuracy and novelty use every model; "
                        + "only samples, B_T and B_F are fine-tuned, each its first %d model(s) (`--finetune-models`); noise populations and "
                        + "anchors are epoch-0 references.%n",
                r.testImages(),
                r.plan().finetuneEpochs(),
                r.finetuneImages(),
                r.plan().tunedModels()));
        md.append(String.format(
                Locale.ROOT,
                "- Transfer tasks: %s. Anchors: top %.0f%% of the training split by %s accuracy. Seed %d. "
                        + "Novelty gate: %s. Duration: %.0f s.%n%n",
                r.plan().transferTasks().isEmpty()
                        ? "none"
                        : String.join(", ", r.plan().transferTasks()),
                100 * r.plan().anchors().topFraction(),
                r.plan().anchors().metric().name().toLowerCase(Locale.ROOT),
                r.plan().seed(),
                r.plan().noveltyGate() == null
                        ? "off"
                        : "relative distance >= " + r.plan().noveltyGate().minRelativeDistance(),
                r.seconds()));
    }

    private static void populations(StringBuilder md, EvaluationResults r) {
        md.append("## Populations\n\n");
        MarkdownTable t = new MarkdownTable("population", "kind", "#models", "#offered", "#rejected by gate", "source");
        for (PopulationResult p : r.populations()) {
            String source = p.lineage().getOrDefault("source", p.lineage().getOrDefault("directory", ""));
            t.row(
                    p.name(),
                    p.kind().label(),
                    String.valueOf(p.size()),
                    String.valueOf(p.offered()),
                    String.valueOf(p.rejected()),
                    source);
        }
        md.append(t.render()).append('\n');
        md.append(
                "B_T: trained from scratch (same recipe, seeds no zoo model uses). B_F: training-split zoo models at their last epoch, "
                        + "fine-tuned further. noise-σ: anchors + N(0, σ²) on every parameter (the study adds it to AE reconstructions; "
                        + "here to the anchors themselves), evaluated at epoch 0 only. anchors: the anchor checkpoints, evaluated at epoch 0 only.\n\n");
    }

    private void targetsSection(StringBuilder md, Map<String, List<TargetAssessment.Result>> assessed) {
        md.append("## Targets\n\n");
        if (assessed.isEmpty()) {
            md.append("No sample populations.\n\n");
            return;
        }
        for (Map.Entry<String, List<TargetAssessment.Result>> e : assessed.entrySet()) {
            long met = e.getValue().stream()
                    .filter(t -> t.status() == TargetAssessment.Status.MET)
                    .count();
            md.append(String.format(
                    Locale.ROOT,
                    "**%s**: %d of %d met%n%n",
                    e.getKey(),
                    met,
                    e.getValue().size()));
            for (TargetAssessment.Result t : e.getValue()) {
                md.append("- ")
                        .append(t.status().label().toUpperCase(Locale.ROOT))
                        .append(": ")
                        .append(t.target());
                if (!t.figures().isEmpty()) {
                    md.append(": ").append(t.figures());
                }
                if (!t.shortfall().isEmpty()) {
                    md.append(" (").append(t.shortfall()).append(")");
                }
                md.append('\n');
            }
            md.append('\n');
        }
        md.append(String.format(
                Locale.ROOT,
                "Novelty figures are means over the population at epoch 0 (tables below); the noise curve is the "
                        + "noise populations' means joined in order of σ, interpolated linearly in accuracy; outside its accuracy range a population "
                        + "cannot be compared with it. The B_F comparison is the Holm-adjusted test of the section \"Samples vs B_T and B_F after "
                        + "fine-tuning\" (α = %s).%n%n",
                targets.alpha()));
    }

    private void accuracySection(
            StringBuilder md,
            EvaluationResults r,
            String task,
            List<Integer> epochs,
            List<EpochStats> stats,
            List<Comparison> vsScratch,
            Palette palette,
            Path dir)
            throws IOException {
        boolean inDistribution = task.equals(r.task());
        md.append(
                inDistribution ? "## Accuracy in-distribution: `" + task + "`\n\n" : "## Transfer: `" + task + "`\n\n");
        if (!inDistribution) {
            md.append(
                    "Samples, B_T and B_F fine-tuned on this task with the zoo's recipe; epoch 0 is before any training on it.\n\n");
        }
        Optional<PopulationResult> anchors = r.population(Baselines.ANCHORS);
        for (int e : epochs) {
            md.append("### Epoch ")
                    .append(e)
                    .append(e == 0 ? " (before fine-tuning)" : "")
                    .append("\n\n");
            boolean vsAnchors = inDistribution && e == 0 && anchors.isPresent();
            List<String> cols = new ArrayList<>(List.of(
                    "population",
                    "kind",
                    "#n",
                    "#mean",
                    "#std",
                    "#median",
                    "#95% CI of mean",
                    "#Δ mean vs B_T",
                    "#p vs B_T (MWU)"));
            if (vsAnchors) {
                cols.add("#% of anchors' mean");
            }
            MarkdownTable t = new MarkdownTable(cols.toArray(String[]::new));
            SvgBoxPlot box = new SvgBoxPlot(
                    task + ": test accuracy "
                            + (e == 0
                                    ? "at epoch 0 (before fine-tuning)"
                                    : "after " + e + " fine-tuning epoch" + (e == 1 ? "" : "s")),
                    "test accuracy (%)",
                    100);
            boolean any = false;
            for (EpochStats s : stats) {
                if (!s.task().equals(task) || s.epoch() != e) {
                    continue;
                }
                Summary sum = s.stats().summary();
                BootstrapCI.Interval ci = s.stats().intervals().mean();
                Optional<Comparison> c = vsScratch.stream()
                        .filter(x -> x.population().equals(s.population())
                                && x.task().equals(task)
                                && x.epoch() == e)
                        .findFirst();
                List<String> row = new ArrayList<>(List.of(
                        s.population(),
                        s.kind().label(),
                        String.valueOf(sum.n()),
                        pct(sum.mean()),
                        String.format(Locale.ROOT, "%.2f", 100 * sum.std()),
                        pct(sum.median()),
                        String.format(Locale.ROOT, "[%.2f, %.2f]", 100 * ci.low(), 100 * ci.high()),
                        c.map(x -> String.format(Locale.ROOT, "%+.2f", 100 * x.meanDifference()))
                                .orElse("—"),
                        c.map(x -> p(x.test().pValue())).orElse("—")));
                if (vsAnchors) {
                    row.add(String.format(
                            Locale.ROOT,
                            "%.1f%%",
                            100 * sum.mean() / mean(anchors.get().curve(task).at(0))));
                }
                t.row(row.toArray(String[]::new));
                box.group(
                        s.population(),
                        palette.of(s.population()),
                        r.population(s.population()).orElseThrow().curve(task).at(e));
                any = true;
            }
            if (!any) {
                continue;
            }
            md.append(t.render()).append('\n');
            String file = "plots/accuracy-" + task + "-epoch-" + e + ".svg";
            writeString(dir.resolve(file), box.render());
            md.append("![")
                    .append(task)
                    .append(" accuracy at epoch ")
                    .append(e)
                    .append("](")
                    .append(file)
                    .append(")\n\n");
        }
        md.append("Accuracies in %; std, Δ in percentage points; 95% CI: bootstrap percentile interval of the mean (")
                .append(bootstrap.resamples())
                .append(" resamples); p: two-sided Mann–Whitney U against B_T at the same epoch.\n\n");
        curves(md, r, task, palette, dir);
    }

    private static void curves(StringBuilder md, EvaluationResults r, String task, Palette palette, Path dir)
            throws IOException {
        SvgCurvePlot plot = new SvgCurvePlot(
                task + ": test accuracy while fine-tuning", "fine-tuning epoch", "test accuracy (%)", 100);
        int last = 0;
        for (PopulationResult p : r.populations()) {
            AccuracyCurve c = p.curve(task);
            if (c != null) {
                last = Math.max(last, c.lastEpoch());
            }
        }
        List<String> cols = new ArrayList<>(List.of("population"));
        for (int e = 0; e <= last; e++) {
            cols.add("#" + e);
        }
        MarkdownTable t = new MarkdownTable(cols.toArray(String[]::new));
        for (PopulationResult p : r.populations()) {
            AccuracyCurve c = p.curve(task);
            if (c == null) {
                continue;
            }
            double[] x = new double[c.lastEpoch() + 1];
            double[] std = new double[x.length];
            List<String> row = new ArrayList<>(List.of(p.name()));
            for (int e = 0; e <= last; e++) {
                row.add(e <= c.lastEpoch() ? String.format(Locale.ROOT, "%.2f", 100 * mean(c.at(e))) : "");
            }
            for (int e = 0; e < x.length; e++) {
                x[e] = e;
                std[e] = Summary.of(c.at(e)).std();
            }
            t.row(row.toArray(String[]::new));
            plot.series(
                    p.name() + (p.kind() == PopulationKind.ANCHORS ? " (epoch 0)" : ""),
                    palette.of(p.name()),
                    x,
                    c.means(),
                    std,
                    Palette.isBaseline(p.kind()));
        }
        md.append("### Fine-tuning curves (mean accuracy %, per epoch)\n\n")
                .append(t.render())
                .append('\n');
        String file = "plots/curves-" + task + ".svg";
        writeString(dir.resolve(file), plot.render());
        md.append("![")
                .append(task)
                .append(" fine-tuning curves](")
                .append(file)
                .append(")\n\n");
    }

    private void comparisons(StringBuilder md, List<FineTuneComparisons.Comparison> family) {
        md.append("## Samples vs B_T and B_F after fine-tuning\n\n");
        if (family.isEmpty()) {
            md.append("No comparisons: no fine-tuning epochs, or no sample populations.\n\n");
            return;
        }
        MarkdownTable t = new MarkdownTable(
                "population",
                "vs",
                "task",
                "#epoch",
                "#n",
                "#n ref",
                "#Δ mean",
                "#HL shift",
                "#95% CI of shift",
                "#p (MWU)",
                "#p Holm",
                "verdict");
        for (FineTuneComparisons.Comparison c : family) {
            t.row(
                    c.population(),
                    c.reference(),
                    c.task(),
                    String.valueOf(c.epoch()),
                    String.valueOf(c.n()),
                    String.valueOf(c.referenceN()),
                    String.format(Locale.ROOT, "%+.2f", 100 * c.meanDifference()),
                    String.format(Locale.ROOT, "%+.2f", 100 * c.shift().shift()),
                    String.format(
                            Locale.ROOT,
                            "[%+.2f, %+.2f]",
                            100 * c.shift().low(),
                            100 * c.shift().high()),
                    p(c.test().pValue()),
                    p(c.holmP()),
                    c.verdict().label());
        }
        md.append(t.render()).append('\n');
        md.append(
                        "Differences in percentage points, population minus reference, on the fine-tuned models. p: two-sided Mann–Whitney U "
                                + "(normal approximation, tie and continuity corrected); p Holm: Holm–Bonferroni adjusted over the family of all ")
                .append(FineTuneComparisons.family(family))
                .append(". HL shift: Hodges–Lehmann estimate (median of all pairwise "
                        + "differences) with its distribution-free (Moses) 95% interval, the inverted Mann–Whitney test, so shift and test agree "
                        + "on the direction. Verdict: above / below where p Holm < ")
                .append(targets.alpha())
                .append(" (by the shift's sign), else not different.\n\n");
    }

    private static void ensembles(StringBuilder md, EvaluationResults r) {
        List<Integer> ks = r.plan().ensembleSizes();
        if (ks.isEmpty()) {
            return;
        }
        md.append("## Ensembles (`").append(r.task()).append("`, softmax averaged)\n\n");
        List<String> cols = new ArrayList<>(List.of("population", "#epoch"));
        ks.forEach(k -> cols.add("#k = " + k));
        MarkdownTable t = new MarkdownTable(cols.toArray(String[]::new));
        for (PopulationResult p : r.populations()) {
            for (Map.Entry<Integer, List<Ensembles.Result>> e : p.ensembles().entrySet()) {
                List<String> row = new ArrayList<>(List.of(p.name(), String.valueOf(e.getKey())));
                for (Ensembles.Result res : e.getValue()) {
                    row.add(ensembleCell(res));
                }
                t.row(row.toArray(String[]::new));
            }
        }
        md.append(t.render()).append('\n');
        md.append(
                "Cells: mean accuracy ± std over disjoint ensembles of k models drawn from the population (their number in brackets; "
                        + "after fine-tuning from its fine-tuned models only); — when the population has fewer than k models.\n\n");
    }

    static String ensembleCell(Ensembles.Result res) {
        double[] a = res.accuracies();
        if (a.length == 0) {
            return "—";
        }
        return a.length == 1
                ? String.format(Locale.ROOT, "%s (1)", pct(a[0]))
                : String.format(
                        Locale.ROOT,
                        "%s ± %.2f (%d)",
                        pct(mean(a)),
                        100 * Summary.of(a).std(),
                        a.length);
    }

    private static void novelty(StringBuilder md, EvaluationResults r, NoiseCurve noise, Palette palette, Path dir)
            throws IOException {
        md.append("## Novelty (epoch 0, against the training split)\n\n");
        MarkdownTable t = new MarkdownTable(
                "population",
                "kind",
                "#n",
                "#mean rel. L2",
                "#median rel. L2",
                "#min",
                "#share < 0.5",
                "#mean max IoU",
                "#median max IoU",
                "#max",
                "#within: rel. L2",
                "#within: max IoU",
                "#mean accuracy");
        // the training split has no accuracy column of its own: its models are the zoo's
        novelRow(t, "training split (vs other models)", "reference", r.training(), "");
        for (PopulationResult p : r.populations()) {
            novelRow(
                    t,
                    p.name(),
                    p.kind().label(),
                    p.novelty(),
                    pct(mean(p.curve(r.task()).at(0))));
            for (Map.Entry<Integer, NoveltyScores> e : p.tunedNovelty().entrySet()) {
                novelRow(
                        t,
                        p.name() + " after epoch " + e.getKey(),
                        p.kind().label(),
                        e.getValue(),
                        pct(mean(p.curve(r.task()).at(e.getKey()))));
            }
        }
        md.append(t.render()).append('\n');
        md.append(
                "Relative L2 distance: distance to the nearest training checkpoint divided by the median distance of a training checkpoint "
                        + "to the nearest checkpoint of another training model (≪ 1: near-copies). Max error IoU: overlap of the test images a model "
                        + "misclassifies with those of the most similar training checkpoint (1: the same mistakes); the training split's row is the "
                        + "zoo's own train→train value. B_F and the anchors are training checkpoints themselves (distance 0). B_T's rows after "
                        + "fine-tuning measure its fine-tuned models (training from scratch for that many epochs). The two *within* columns "
                        + "measure diversity the same way but against the population's other members (median over members): a generator that "
                        + "returns one model many times has novelty but no diversity (≪ 1, IoU near 1). Populations drawn from training "
                        + "checkpoints (B_F, anchors) can hold several epochs of one model, which sit close together.\n\n");
        noiseCurveSection(md, r, noise);
        scatterPlots(md, r, noise, palette, dir);
    }

    private static void novelRow(MarkdownTable t, String name, String kind, NoveltyScores n, String meanAccuracy) {
        t.row(
                name,
                kind,
                String.valueOf(n.relativeDistance().length),
                f3(n.meanRatio()),
                f3(n.medianRatio()),
                f3(min(n.relativeDistance())),
                share(n.relativeDistance(), 0.5),
                f3(n.meanMaxIoU()),
                f3(n.medianMaxIoU()),
                f3(max(n.maxIoU())),
                f3(n.withinRatio()),
                f3(n.withinMaxIoU()),
                meanAccuracy);
    }

    private static void noiseCurveSection(StringBuilder md, EvaluationResults r, NoiseCurve noise) {
        md.append("### Samples against the noise curve\n\n");
        if (noise.points().size() < 2) {
            md.append("Fewer than two noise populations: no curve to compare with.\n\n");
            return;
        }
        MarkdownTable t = new MarkdownTable(
                "population",
                "#mean accuracy",
                "#mean rel. L2",
                "#noise curve rel. L2",
                "#mean max IoU",
                "#noise curve max IoU",
                "interpolated between",
                "strictly more novel on both axes");
        for (PopulationResult p : r.populations()) {
            if (p.kind() != PopulationKind.SAMPLE) {
                continue;
            }
            double acc = mean(p.curve(r.task()).at(0));
            NoiseCurve.Placement at =
                    noise.at(acc, p.novelty().meanRatio(), p.novelty().meanMaxIoU());
            t.row(
                    p.name(),
                    pct(acc),
                    f3(p.novelty().meanRatio()),
                    at.comparable() ? f3(at.noiseRatio()) : "—",
                    f3(p.novelty().meanMaxIoU()),
                    at.comparable() ? f3(at.noiseMaxIoU()) : "—",
                    String.join(", ", at.bracket()),
                    at.comparable()
                            ? (at.moreNovel() ? "yes" : "no")
                            : "cannot be compared (accuracy outside the curve)");
        }
        double[] range = noise.accuracyRange();
        md.append(t.render()).append('\n');
        md.append(String.format(
                Locale.ROOT,
                "The noise curve joins the noise populations' (mean accuracy, mean novelty) in order of σ; its value at "
                        + "a sample's mean epoch-0 accuracy is interpolated linearly in accuracy between the two points that bracket it (curve range "
                        + "%s-%s%%).%n%n",
                pct(range[0]),
                pct(range[1])));
    }

    private static void scatterPlots(StringBuilder md, EvaluationResults r, NoiseCurve noise, Palette palette, Path dir)
            throws IOException {
        String[] names = {"novelty-distance", "novelty-iou", "diversity"};
        SvgScatterPlot[] full = scatterPlots(r, noise, palette, true);
        SvgScatterPlot[] zoom = scatterPlots(r, noise, palette, false);
        for (int i = 0; i < names.length; i++) {
            writeString(dir.resolve("plots/" + names[i] + ".svg"), full[i].render());
            writeString(dir.resolve("plots/" + names[i] + "-zoom.svg"), zoom[i].render());
        }
        md.append(
                "![accuracy vs L2 novelty](plots/novelty-distance-zoom.svg)\n\n![accuracy vs error-set novelty](plots/novelty-iou-zoom.svg)\n\n");
        md.append(
                "Dots: the models of each sample population at epoch 0 (rings: B_F and anchors); diamonds: means; the noise curve joins "
                        + "the noise populations' means in order of σ. The train→train point is the zoo's training split against itself, drawn at "
                        + "B_F's mean accuracy. These two plots leave B_T out, whose random starts sit far away at chance accuracy; with B_T's "
                        + "path (means at epoch 0, then of its fine-tuned models after each measured epoch): "
                        + "[L2](plots/novelty-distance.svg), [IoU](plots/novelty-iou.svg).\n\n");
        md.append(
                "![accuracy vs diversity](plots/diversity-zoom.svg)\n\nDiversity: the *within: rel. L2* column (median over members of the "
                        + "distance to the nearest other member, relative to the train→train median) against mean accuracy, one point per "
                        + "population; with B_T: [diversity](plots/diversity.svg).\n\n");
    }

    /** Accuracy against L2 novelty, error-set IoU and diversity; {@code withScratch} adds B_T's path. */
    private static SvgScatterPlot[] scatterPlots(
            EvaluationResults r, NoiseCurve noise, Palette palette, boolean withScratch) {
        NoveltyScores train = r.training();
        String y = "test accuracy (%)";
        String suffix = withScratch ? " (with B_T)" : "";
        SvgScatterPlot dist = new SvgScatterPlot(
                        "Accuracy vs novelty: L2 distance" + suffix,
                        "nearest training distance / median train→train distance",
                        y,
                        100)
                .reference(1, "train→train median");
        SvgScatterPlot iou = new SvgScatterPlot(
                "Accuracy vs novelty: error-set similarity" + suffix,
                "max error-set IoU with a training model (lower = more novel)",
                y,
                100);
        SvgScatterPlot within = new SvgScatterPlot(
                "Accuracy vs diversity within the population" + suffix,
                "within: median rel. L2 to the nearest other member",
                "mean test accuracy (%)",
                100);
        for (PopulationResult p : r.populations()) {
            NoveltyScores n = p.novelty();
            double[] acc = p.curve(r.task()).at(0);
            switch (p.kind()) {
                case SAMPLE -> {
                    dist.series(p.name(), palette.of(p.name()), n.relativeDistance(), acc, false);
                    iou.series(p.name(), palette.of(p.name()), n.maxIoU(), acc, false);
                    dist.marker(p.name() + " mean", palette.of(p.name()), n.meanRatio(), mean(acc));
                    iou.marker(p.name() + " mean", palette.of(p.name()), n.meanMaxIoU(), mean(acc));
                    within.marker(p.name(), palette.of(p.name()), n.withinRatio(), mean(acc));
                }
                case SCRATCH -> {
                    if (!withScratch) {
                        continue;
                    }
                    List<double[]> pts = new ArrayList<>();
                    List<String> labels = new ArrayList<>();
                    pts.add(new double[] {n.meanRatio(), n.meanMaxIoU(), n.withinRatio(), mean(acc)});
                    labels.add("epoch 0");
                    for (Map.Entry<Integer, NoveltyScores> e : p.tunedNovelty().entrySet()) {
                        NoveltyScores m = e.getValue();
                        pts.add(new double[] {
                            m.meanRatio(),
                            m.meanMaxIoU(),
                            m.withinRatio(),
                            mean(p.curve(r.task()).at(e.getKey()))
                        });
                        labels.add("epoch " + e.getKey());
                    }
                    String[] l = labels.toArray(String[]::new);
                    String label = "B_T means (by epoch)";
                    dist.path(label, palette.of(p.name()), column(pts, 0), column(pts, 3), l, true);
                    iou.path(label, palette.of(p.name()), column(pts, 1), column(pts, 3), l, true);
                    if (pts.stream().allMatch(v -> Double.isFinite(v[2]))) {
                        within.path(label, palette.of(p.name()), column(pts, 2), column(pts, 3), l, true);
                    }
                }
                case ZOO_FINETUNED, ANCHORS -> {
                    dist.series(p.name(), palette.of(p.name()), n.relativeDistance(), acc, true);
                    iou.series(p.name(), palette.of(p.name()), n.maxIoU(), acc, true);
                    if (Double.isFinite(n.withinRatio())) {
                        within.marker(p.name(), palette.of(p.name()), n.withinRatio(), mean(acc));
                    }
                }
                case NOISE -> {}
            }
        }
        if (!noise.points().isEmpty()) {
            List<NoiseCurve.Point> pts = noise.points();
            String[] sigmas = pts.stream()
                    .map(q -> "σ " + q.population().substring("noise-".length()))
                    .toArray(String[]::new);
            double[] accs = pts.stream().mapToDouble(NoiseCurve.Point::accuracy).toArray();
            String color = "#ff7f0e";
            dist.path(
                    "noise curve (by σ)",
                    color,
                    pts.stream().mapToDouble(NoiseCurve.Point::meanRatio).toArray(),
                    accs,
                    sigmas,
                    false);
            iou.path(
                    "noise curve (by σ)",
                    color,
                    pts.stream().mapToDouble(NoiseCurve.Point::meanMaxIoU).toArray(),
                    accs,
                    sigmas,
                    false);
            double[] w = new double[pts.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = r.population(pts.get(i).population())
                        .orElseThrow()
                        .novelty()
                        .withinRatio();
            }
            if (Arrays.stream(w).allMatch(Double::isFinite)) {
                within.path("noise curve (by σ)", color, w, accs, sigmas, false);
            }
        }
        double trainMeanAcc = r.population(Baselines.ZOO_FINETUNED)
                .map(b -> mean(b.curve(r.task()).at(0)))
                .orElse(Double.NaN);
        if (Double.isFinite(trainMeanAcc)) {
            // The training split's own point: its models' novelty against each other, at B_F's accuracy (the split's
            // last epochs).
            dist.marker("zoo train→train", ZOO_COLOR, train.meanRatio(), trainMeanAcc);
            iou.marker("zoo train→train", ZOO_COLOR, train.meanMaxIoU(), trainMeanAcc);
            within.marker("zoo training split", ZOO_COLOR, train.withinRatio(), trainMeanAcc);
        }
        return new SvgScatterPlot[] {dist, iou, within};
    }

    private static double[] column(List<double[]> rows, int i) {
        return rows.stream().mapToDouble(v -> v[i]).toArray();
    }

    private void writeJson(
            EvaluationResults r,
            List<FineTuneComparisons.Comparison> family,
            NoiseCurve noise,
            Map<String, List<TargetAssessment.Result>> assessed,
            Path file)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", 2);
        ObjectNode zoo = root.putObject("zoo");
        r.zoo().forEach(zoo::put);
        ObjectNode plan = root.putObject("plan");
        plan.put("finetuneEpochs", r.plan().finetuneEpochs());
        plan.put("finetuneImages", r.finetuneImages());
        plan.put("testImages", r.testImages());
        plan.put("seed", r.plan().seed());
        plan.put("maxModels", r.plan().maxModels());
        plan.put("finetuneModels", r.plan().tunedModels());
        plan.set("transferTasks", JSON.valueToTree(r.plan().transferTasks()));
        plan.set("ensembleSizes", JSON.valueToTree(r.plan().ensembleSizes()));
        plan.set("noiseSigmas", JSON.valueToTree(r.plan().noiseSigmas()));
        plan.set("anchors", JSON.valueToTree(r.plan().anchors().parameters()));
        if (r.plan().noveltyGate() != null) {
            plan.put("noveltyGateMinRelativeDistance", r.plan().noveltyGate().minRelativeDistance());
        }
        root.put("task", r.task());
        root.put("seconds", r.seconds());
        root.set("trainingNovelty", novelty(r.training()));
        ObjectNode t = root.putObject("targets");
        t.put("anchorFraction", targets.anchorFraction());
        t.put("minMeanRelativeDistance", targets.minMeanDistanceRatio());
        t.put("maxMeanErrorIoU", r.training().meanMaxIoU());
        t.put("alpha", targets.alpha());
        ObjectNode byPop = t.putObject("populations");
        assessed.forEach((name, list) -> {
            ArrayNode a = byPop.putArray(name);
            for (TargetAssessment.Result res : list) {
                ObjectNode o = a.addObject();
                o.put("id", res.id());
                o.put("target", res.target());
                o.put("status", res.status().label());
                o.put("figures", res.figures());
                o.put("shortfall", res.shortfall());
                o.set("numbers", JSON.valueToTree(new java.util.TreeMap<>(res.numbers())));
            }
        });
        ObjectNode fam = root.putObject("comparisons");
        fam.put("family", family.isEmpty() ? "" : FineTuneComparisons.family(family));
        fam.put("adjustment", "holm");
        ArrayNode tests = fam.putArray("tests");
        for (FineTuneComparisons.Comparison c : family) {
            // Kept apart (duplicates): results.json's flat field names are its format (committed results and tests
            // read them); Jackson on the records would nest shift and test under their component names (as for the
            // noise curve's points).
            ObjectNode o = tests.addObject();
            o.put("population", c.population());
            o.put("reference", c.reference());
            o.put("task", c.task());
            o.put("epoch", c.epoch());
            o.put("n", c.n());
            o.put("referenceN", c.referenceN());
            o.put("meanDifference", c.meanDifference());
            o.put("hodgesLehmannShift", c.shift().shift());
            o.put("shiftLow", c.shift().low());
            o.put("shiftHigh", c.shift().high());
            o.put("shiftConfidence", c.shift().confidence());
            o.put("u", c.test().u1());
            o.put("p", c.test().pValue());
            o.put("holmP", c.holmP());
            o.put("verdict", c.verdict().label());
        }
        ArrayNode curve = root.putArray("noiseCurve");
        for (NoiseCurve.Point q : noise.points()) {
            ObjectNode o = curve.addObject();
            o.put("population", q.population());
            o.put("sigma", q.sigma());
            o.put("meanAccuracy", q.accuracy());
            o.put("meanRelativeDistance", q.meanRatio());
            o.put("meanMaxErrorIoU", q.meanMaxIoU());
        }
        ArrayNode pops = root.putArray("populations");
        for (PopulationResult p : r.populations()) {
            ObjectNode n = pops.addObject();
            n.put("name", p.name());
            n.put("kind", p.kind().label());
            n.put("offered", p.offered());
            n.put("rejectedByGate", p.rejected());
            n.set("lineage", JSON.valueToTree(p.lineage()));
            n.set("members", JSON.valueToTree(p.memberIds()));
            ObjectNode curves = n.putObject("accuracy");
            p.curves().forEach((task, c) -> curves.set(task, JSON.valueToTree(c.accuracy())));
            n.set("novelty", novelty(p.novelty()));
            if (!p.tunedNovelty().isEmpty()) {
                ObjectNode tuned = n.putObject("finetunedNovelty");
                p.tunedNovelty().forEach((epoch, scores) -> tuned.set(String.valueOf(epoch), novelty(scores)));
            }
            ObjectNode ens = n.putObject("ensembles");
            p.ensembles().forEach((epoch, list) -> {
                ObjectNode byK = ens.putObject(String.valueOf(epoch));
                list.forEach(res -> byK.set(String.valueOf(res.k()), JSON.valueToTree(res.accuracies())));
            });
        }
        AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    }

    private static ObjectNode novelty(NoveltyScores n) {
        // Kept apart (duplicates): field by field as the other results.json writers; the record's components are
        // named otherwise (medianRatio, maxIoU) and its means are methods Jackson would not write.
        ObjectNode o = JSON.createObjectNode();
        o.put("medianRelativeDistance", n.medianRatio());
        o.put("meanRelativeDistance", n.meanRatio());
        o.put("medianMaxErrorIoU", n.medianMaxIoU());
        o.put("meanMaxErrorIoU", n.meanMaxIoU());
        o.put("withinMedianRelativeDistance", n.withinRatio());
        o.put("withinMedianMaxErrorIoU", n.withinMaxIoU());
        o.set("relativeDistance", JSON.valueToTree(n.relativeDistance()));
        o.set("maxErrorIoU", JSON.valueToTree(n.maxIoU()));
        return o;
    }

    private static void writeCsvs(EvaluationResults r, Path dir) throws IOException {
        StringBuilder acc = new StringBuilder("population,kind,task,epoch,model,accuracy\n");
        StringBuilder nov =
                new StringBuilder("population,kind,model,relative_l2_distance,max_error_iou,epoch0_accuracy\n");
        StringBuilder ens = new StringBuilder("population,kind,epoch,k,ensemble,accuracy\n");
        for (PopulationResult p : r.populations()) {
            for (AccuracyCurve c : p.curves().values()) {
                for (int e = 0; e <= c.lastEpoch(); e++) {
                    for (int m = 0; m < c.at(e).length; m++) { // after epoch 0: the fine-tuned models only
                        acc.append(String.format(
                                Locale.ROOT,
                                "%s,%s,%s,%d,%s,%.6f%n",
                                p.name(),
                                p.kind().label(),
                                c.task(),
                                e,
                                p.memberIds().get(m),
                                c.at(e)[m]));
                    }
                }
            }
            double[] a0 = p.curve(r.task()).at(0);
            for (int m = 0; m < p.size(); m++) {
                nov.append(String.format(
                        Locale.ROOT,
                        "%s,%s,%s,%.6f,%.6f,%.6f%n",
                        p.name(),
                        p.kind().label(),
                        p.memberIds().get(m),
                        p.novelty().relativeDistance()[m],
                        p.novelty().maxIoU()[m],
                        a0[m]));
            }
            for (Map.Entry<Integer, List<Ensembles.Result>> e : p.ensembles().entrySet()) {
                for (Ensembles.Result res : e.getValue()) {
                    for (int i = 0; i < res.accuracies().length; i++) {
                        ens.append(String.format(
                                Locale.ROOT,
                                "%s,%s,%d,%d,%d,%.6f%n",
                                p.name(),
                                p.kind().label(),
                                e.getKey(),
                                res.k(),
                                i,
                                res.accuracies()[i]));
                    }
                }
            }
        }
        AtomicFiles.write(dir.resolve("accuracy.csv"), acc.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve("novelty.csv"), nov.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve("ensembles.csv"), ens.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void writeString(Path file, String s) throws IOException {
        AtomicFiles.write(file, s.getBytes(StandardCharsets.UTF_8));
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f", 100 * fraction);
    }

    static String p(double p) {
        return p < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String f3(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String share(double[] v, double below) {
        return String.format(
                Locale.ROOT,
                "%.0f%%",
                100.0 * Arrays.stream(v).filter(x -> x < below).count() / v.length);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double median(double[] v) {
        return Summary.of(v).median();
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
