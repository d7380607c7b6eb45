package io.hyperrep.lab.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.io.ArtifactStore;
import io.hyperrep.core.io.AtomicFiles;
import io.hyperrep.core.io.PortablePaths;
import io.hyperrep.core.sample.AnchorSelection;
import io.hyperrep.core.sample.Samplers;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.lab.cli.AutoencoderDirOption;
import io.hyperrep.ml.hyper.HyperFiles;
import io.hyperrep.ml.hyper.HyperRepresentation;
import io.hyperrep.zoo.CheckpointMetricsEvaluator;
import io.hyperrep.zoo.ZooDirectory;
import io.hyperrep.zoo.ZooSpec;
import io.hyperrep.zoo.eval.ZooReference;
import io.hyperrep.zoo.generate.Generation;
import io.hyperrep.zoo.generate.SamplerRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hyperrep sample}: new models from a trained hyper-representation (docs/METHOD.md §6). The
 * autoencoder's training split is rebuilt from the zoo named in its manifest, encoded, the anchors
 * chosen, a sampler fitted to their latents, and the draws decoded. Each model is written as an epoch-0
 * checkpoint with its measured metrics, so {@code hyperrep evaluate --samples DIR} reads the directory.
 */
@Command(
        name = "sample",
        mixinStandardHelpOptions = true,
        description = {
            "Sample unseen models from a trained hyper-representation: fit a sampler to the anchors' latent codes, draw, decode.",
            "Writes DIR/population.json (lineage, counts, accuracy) and DIR/checkpoints/<id>/epoch-000.json per model."
        })
public final class SampleCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    // Kept apart (duplicates): each option is this command's own (name, default, description); other commands'
    // options share only picocli's declaration shape, and a shared mixin would change their --help text.
    @Mixin
    AutoencoderDirOption autoencoder;

    @Option(
            names = "--method",
            required = true,
            description = "Sampling method: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Methods.class)
    String method;

    @Option(names = "--n", required = true, description = "Number of models to draw.")
    int n;

    @Option(names = "--out", required = true, description = "Directory to write (must not exist or be empty).")
    Path out;

    @Option(
            names = "--zoo",
            description = "Zoo the autoencoder was trained on. Default: the zoo directory in its manifest.")
    Path zoo;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the sampler (fit and draws). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--anchors",
            defaultValue = "top",
            description = {
                "Anchor checkpoints: top (the best --anchor-fraction of all training checkpoints),",
                "all, or per-model (each training model's best checkpoint in the window, then the best --anchor-fraction of those models:",
                "one anchor per model; not the paper's). Default: ${DEFAULT-VALUE}."
            })
    String anchors;

    @Option(
            names = "--anchor-fraction",
            defaultValue = "0.3",
            description = "Fraction kept as anchors: of the training checkpoints by 'top', "
                    + "of the training models by 'per-model'. Default: ${DEFAULT-VALUE}.")
    double anchorFraction;

    @Option(
            names = "--bandwidth-scale",
            paramLabel = "S",
            description = "Multiply every KDE bandwidth by S > 0 (kde: Silverman's per dimension; "
                    + "kde-joint: the leave-one-out scale): below 1 samples stay nearer their anchors, above 1 they wander further. Only for methods "
                    + "with a bandwidth. Default: 1.0.")
    Double bandwidthScale;

    @Option(
            names = "--anchor-metric",
            defaultValue = "validation",
            description =
                    "Rank anchors by validation or test (the original code's choice) accuracy. Default: ${DEFAULT-VALUE}.")
    String anchorMetric;

    @Option(names = "--data-dir", description = "Fashion-MNIST directory for measuring the samples' accuracy.")
    Path dataDir;

    @Option(
            names = "--name",
            description = "The population's name in population.json, under which 'hyperrep evaluate' reports it. "
                    + "Default: the method.")
    String name;

    /** Method names for the help text. */
    static final class Methods implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SamplerRegistry.all().methods().iterator();
        }
    }

    @Override
    public Integer call() throws IOException {
        Samplers samplers = samplers(SamplerRegistry.all());
        if (n <= 0) {
            throw new IllegalArgumentException("--n must be a positive number of models, got " + n);
        }
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("--name must not be blank");
        }
        AnchorSelection selection = selection();
        requireEmpty(out);
        Path hyper = autoencoder.dir();
        JsonNode manifest = readManifest(hyper);
        JsonNode lineage = manifest.path("lineage");
        Path zooDir = zoo != null ? zoo : Path.of(text(lineage, "zooDir"));
        HyperRepresentation rep = HyperRepresentation.load(hyper);
        String autoencoderSha256 = autoencoderSha256(manifest);
        Architecture arch = rep.architecture();
        ZooDirectory dir = ZooDirectory.open(zooDir);
        ZooSpec spec = dir.spec();
        if (!spec.recipe().arch().equals(arch.id())) {
            throw new IllegalArgumentException(
                    "the autoencoder in " + hyper + " encodes " + arch.id() + " models but zoo " + zooDir + " holds "
                            + spec.recipe().arch() + " models; pass the zoo it was trained on with --zoo");
        }
        int[] window = window(lineage, spec);
        ZooReference reference = ZooReference.load(dir, window);
        List<Checkpoint> train = reference.train();
        System.out.printf(
                Locale.ROOT,
                "encoding %d training checkpoints of %s (epochs %d-%d)...%n",
                train.size(),
                spec.zooId(),
                window[0],
                window[1]);
        Generation.Autoencoder ae = Generation.Autoencoder.of(rep);
        float[][] z = ae.encode(reference.trainWeights());
        float[][] anchorLatents = selection.anchors(
                z,
                train.stream().map(Checkpoint::metrics).toList(),
                train.stream().map(Checkpoint::modelId).toList());
        List<Checkpoint> anchorCheckpoints = reference.anchors(selection);
        long anchorModels =
                anchorCheckpoints.stream().map(Checkpoint::modelId).distinct().count();
        System.out.printf(
                Locale.ROOT,
                "fitting %s to %d anchors of %d models, drawing %d latents (seed %d)...%n",
                method,
                anchorLatents.length,
                anchorModels,
                n,
                seed);
        Generation.Draw draw = Generation.draw(ae, samplers, method, anchorLatents, n, seed);
        float[][] kept = Arrays.stream(draw.decoded()).filter(w -> w != null).toArray(float[][]::new);
        if (draw.nonFinite() > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "rejected %d of %d decoded models with NaN or infinite weights%n",
                    draw.nonFinite(),
                    n);
        }
        if (kept.length == 0) {
            throw new IllegalStateException("every decoded model had NaN or infinite weights; nothing written");
        }
        System.out.printf(
                Locale.ROOT,
                "measuring %d models on %s (train subset, validation, test)...%n",
                kept.length,
                spec.recipe().dataset());
        CheckpointMetrics[] metrics;
        try (CheckpointMetricsEvaluator evaluator = new CheckpointMetricsEvaluator(
                arch, spec.recipe(), Datasets.load(spec.recipe().dataset(), dataDir))) {
            metrics = evaluator.evaluate(kept);
        }
        String zooId = (spec.zooId() + "-" + method + "-s" + seed).replaceAll("[^A-Za-z0-9._-]", "-");
        int k = 0;
        for (int i = 0; i < draw.decoded().length; i++) {
            if (draw.decoded()[i] != null) {
                String id = String.format(Locale.ROOT, "sample-%04d", i);
                Checkpoint c = new Checkpoint(
                        zooId, id, seed, 0, arch.id(), arch.layoutHash(), metrics[k++], draw.decoded()[i]);
                AtomicFiles.write(
                        out.resolve("checkpoints").resolve(id).resolve("epoch-000.json"), CheckpointCodec.encode(c));
            }
        }
        double meanTest = Arrays.stream(metrics)
                .mapToDouble(CheckpointMetrics::testAcc)
                .average()
                .orElse(Double.NaN);
        double meanAnchor = anchorCheckpoints.stream()
                .mapToDouble(c -> c.metrics().testAcc())
                .average()
                .orElse(Double.NaN);
        writePopulation(
                autoencoderSha256,
                spec,
                selection,
                anchorLatents.length,
                anchorModels,
                draw,
                kept.length,
                meanTest,
                meanAnchor);
        System.out.printf(
                Locale.ROOT,
                "wrote %d %s models to %s: mean test accuracy %.2f%% (anchors %.2f%%, %.0f%% of theirs)%n",
                kept.length,
                method,
                out.toAbsolutePath(),
                100 * meanTest,
                100 * meanAnchor,
                100 * meanTest / meanAnchor);
        return 0;
    }

    private void writePopulation(
            String autoencoderSha256,
            ZooSpec spec,
            AnchorSelection selection,
            int anchorCount,
            long anchorModels,
            Generation.Draw draw,
            int written,
            double meanTest,
            double meanAnchor)
            throws IOException {
        ObjectNode p = JSON.createObjectNode();
        p.put("name", name != null ? name : method);
        p.put("method", method);
        p.put("seed", seed);
        p.put("requested", n);
        p.put("written", written);
        p.put("rejectedNonFinite", draw.nonFinite());
        p.put("meanTestAcc", meanTest);
        p.put("anchorMeanTestAcc", meanAnchor);
        // relative inside the working directory: no machine paths
        p.put("hyper", PortablePaths.portable(autoencoder.dir()));
        p.put("autoencoderSha256", autoencoderSha256);
        p.put("zooId", spec.zooId());
        p.put("anchorRule", anchors);
        p.put("anchorMetric", selection.metric().name().toLowerCase(Locale.ROOT));
        p.put("anchorFraction", selection.topFraction());
        p.put("anchorCount", anchorCount);
        p.put("anchorModels", anchorModels);
        p.put("createdAt", Instant.now().toString());
        ObjectNode params = p.putObject("samplerParameters");
        draw.samplerParameters().forEach(params::put);
        AtomicFiles.write(out.resolve("population.json"), JSON.writeValueAsBytes(p));
    }

    /**
     * The registry with {@code --bandwidth-scale} applied. A method with a bandwidth always gets its scale
     * (1 when not given), so population.json says which scale a run used; a method without one refuses the flag.
     */
    Samplers samplers(Samplers registry) {
        registry.factory(method); // unknown method: fail before any work
        if (bandwidthScale != null && !(bandwidthScale > 0 && Double.isFinite(bandwidthScale))) {
            throw new IllegalArgumentException("--bandwidth-scale must be a positive number, got " + bandwidthScale);
        }
        if (!registry.bandwidthMethods().contains(method)) {
            if (bandwidthScale != null) {
                throw new IllegalArgumentException("--bandwidth-scale applies to methods with a KDE bandwidth ("
                        + String.join(", ", registry.bandwidthMethods()) + "), not to " + method);
            }
            return registry;
        }
        return registry.withBandwidthScale(method, bandwidthScale == null ? 1.0 : bandwidthScale);
    }

    AnchorSelection selection() {
        AnchorSelection.Metric metric = AnchorSelection.Metric.parse(anchorMetric);
        return switch (anchors) {
            case "top" -> new AnchorSelection(metric, anchorFraction);
            case "all" -> new AnchorSelection(metric, 1.0);
            case "per-model" -> AnchorSelection.perModel(metric, anchorFraction);
            default ->
                throw new IllegalArgumentException("--anchors must be top, all or per-model, got '" + anchors + "'");
        };
    }

    /**
     * The digest of the autoencoder file the models are decoded by, read from the file itself: the
     * manifest's copy describes the file as training left it, and a file replaced since must not be
     * named by an old digest.
     */
    private String autoencoderSha256(JsonNode manifest) {
        Path file = autoencoder.dir().resolve(HyperFiles.AUTOENCODER);
        String actual = ArtifactStore.sha256(file);
        String recorded = manifest.path("autoencoderSha256").asText("");
        if (!recorded.isEmpty() && !recorded.equals(actual)) {
            System.err.printf(
                    Locale.ROOT,
                    "warning: %s has changed since its manifest was written (sha256 %s, manifest %s); the samples name"
                            + " the file as it is%n",
                    file,
                    actual.substring(0, 16),
                    recorded.substring(0, Math.min(16, recorded.length())));
        }
        return actual;
    }

    private static JsonNode readManifest(Path hyper) {
        Path f = hyper.resolve("manifest.json");
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException(
                    hyper + " has no manifest.json: not an autoencoder directory written by 'hyperrep hyper train'");
        }
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(f + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String text(JsonNode lineage, String field) {
        if (!lineage.path(field).isTextual()) {
            throw new IllegalArgumentException("the autoencoder's manifest names no " + field + "; pass --zoo");
        }
        return lineage.get(field).asText();
    }

    /** The epoch window the autoencoder trained on (manifest), else the zoo's kept epochs except 0. */
    private static int[] window(JsonNode lineage, ZooSpec spec) {
        String w = lineage.path("epochWindow").asText(null);
        if (w == null) {
            return ZooReference.defaultWindow(spec);
        }
        var epochs = ZooSpec.parseEpochs(w);
        return new int[] {epochs.first(), epochs.last()};
    }

    private static void requireEmpty(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("--out " + dir + " is a file, not a directory");
            }
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(
                            "--out " + dir + " is not empty; sample into a new directory so populations never mix");
                }
            }
        }
    }
}
