package io.hyperrep.lab.sample;

import io.hyperrep.core.io.ArtifactStore;
import io.hyperrep.core.sample.AnchorSelection;
import io.hyperrep.core.sample.Samplers;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.EventFormatException;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.Snapshot;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.KeyedRecords;
import io.hyperrep.kafka.SnapshotLog;
import io.hyperrep.kafka.TrainingCheckpoints;
import io.hyperrep.ml.hyper.HyperRepresentation;
import io.hyperrep.zoo.generate.Generation;
import io.hyperrep.zoo.generate.SamplerRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hyperrep reproduce SAMPLE_ID}: derives a generated model's weights again from its lineage, the
 * way the sampler derived them, and compares them with the weights on {@code hyperrep.models.generated}.
 * The lineage gives the autoencoder (its artifact, verified against its address, from the store), the
 * snapshot whose checkpoints in the epoch window are the anchors' source, and method, seed and count
 * (the run) and index (the model of the run). The run is repeated whole, as the sampler ran it: some
 * samplers' draws depend on the count, and a batch's decoding on its size.
 *
 * <p>Exit 0 when every weight matches bit for bit, 1 when not (with how many differ and the largest
 * difference), 1 with a message when the lineage cannot be followed (unknown id, artifact not in the
 * store, snapshot gone). Bit-for-bit holds on the machine and native build that generated the model;
 * another CPU's BLAS may round differently.
 */
@Command(
        name = "reproduce",
        mixinStandardHelpOptions = true,
        description = {
            "Derive a generated model's weights again from its lineage (autoencoder artifact, snapshot, sampler, seed) and compare",
            "them with the stored ones: exit 0 on a bit-for-bit match, 1 on a mismatch (with the largest difference)."
        })
public final class ReproduceCommand implements Callable<Integer> {

    private static final Pattern RUN = Pattern.compile("/n(\\d+)/(\\d+)$");
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    @Parameters(
            index = "0",
            paramLabel = "SAMPLE_ID",
            description = "The model's sample id (<versionId>/<method>/s<seed>/n<count>/<index>).")
    String sampleId;

    @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(
            names = "--artifacts",
            description = "The artifact store the trainer wrote to (setting artifacts.dir). Default: "
                    + "$HYPERREP_ARTIFACTS_DIR, else target/hyperrep-artifacts.")
    Path artifacts;

    @Option(
            names = "--window",
            defaultValue = "" + PipelineEvents.LEGACY_EPOCH_WINDOW,
            description = "Epoch window for models whose "
                    + "records name none (trainer.window of the run). Default: ${DEFAULT-VALUE}.")
    int window;

    /** What a reproduction found. */
    public record Outcome(
            GeneratedModel stored,
            float[] reproduced,
            int differing,
            double maxAbsDiff,
            Map<String, String[]> parameterDiffs) {
        public boolean matches() {
            return differing == 0 && parameterDiffs.isEmpty();
        }
    }

    @Override
    public Integer call() {
        Outcome o = reproduce(KafkaClients.fromEnvironment(bootstrap), store(), sampleId, window);
        GeneratedModel g = o.stored();
        int n = g.weights().count();
        if (o.matches()) {
            System.out.println("match: " + sampleId + " reproduced bit for bit (" + n + " weights, sha256 "
                    + g.weights().sha256() + ")");
            return 0;
        }
        o.parameterDiffs()
                .forEach((k, v) ->
                        System.out.println("sampler parameter " + k + ": stored " + v[0] + ", reproduced " + v[1]));
        System.out.println("MISMATCH: " + sampleId + ": " + o.differing() + " of " + n
                + " weights differ, max abs diff " + String.format("%.6g", o.maxAbsDiff()));
        return 1;
    }

    private ArtifactStore store() {
        if (artifacts != null) {
            return new ArtifactStore(artifacts);
        }
        String env = System.getenv("HYPERREP_ARTIFACTS_DIR");
        return new ArtifactStore(Path.of(env != null && !env.isBlank() ? env : "target/hyperrep-artifacts"));
    }

    /**
     * Reproduces {@code sampleId} from what Kafka and the store hold.
     *
     * @throws IllegalArgumentException when the model or a link of its lineage cannot be found
     */
    public static Outcome reproduce(KafkaClients kafka, ArtifactStore store, String sampleId, int fallbackWindow) {
        Matcher run = RUN.matcher(sampleId);
        if (!run.find()) {
            throw new IllegalArgumentException(
                    "'" + sampleId + "' is not a sample id (<versionId>/<method>/s<seed>/n<count>/<index>)");
        }
        int count = Integer.parseInt(run.group(1));
        GeneratedModel g = KeyedRecords.first(kafka, Topics.GENERATED, sampleId, READ_TIMEOUT)
                .map(f -> PipelineEvents.GENERATED_MODEL.decode(f.value()))
                .orElseThrow(() ->
                        new IllegalArgumentException("no generated model '" + sampleId + "' on " + Topics.GENERATED));
        if (g.index() != Integer.parseInt(run.group(2))) {
            throw new IllegalArgumentException(sampleId + ": the record's index " + g.index() + " is not the id's");
        }
        Optional<AutoencoderVersion> version = version(kafka, g);
        String sha = g.autoencoderSha256() != null
                ? g.autoencoderSha256()
                : version.map(AutoencoderVersion::sha256)
                        .orElseThrow(() -> new IllegalArgumentException(
                                sampleId + ": its record names no autoencoder artifact and version " + g.versionId()
                                        + " is no longer on " + Topics.AUTOENCODERS));
        int w = g.epochWindow() != null
                ? g.epochWindow()
                : version.map(AutoencoderVersion::epochWindow)
                        .filter(Objects::nonNull)
                        .orElse(fallbackWindow);
        Snapshot snapshot = new SnapshotLog(kafka)
                .find(g.snapshotId())
                .orElseThrow(() -> new IllegalArgumentException(
                        sampleId + ": snapshot " + g.snapshotId() + " is not on " + Topics.SNAPSHOTS));
        List<Checkpoint> training =
                TrainingCheckpoints.rebuild(kafka, snapshot, g.zooId(), w).train();
        HyperRepresentation ae = HyperRepresentation.load(store.get(sha));
        // the version as the sampler saw it: what Generation reads of it is id, zoo, snapshot, arch and artifact
        AutoencoderVersion v = new AutoencoderVersion(
                g.versionId(), g.zooId(), g.jobId(), g.snapshotId(), null, "reproduce", sha, g.arch(), 0, 0, 0, "", w);
        Samplers samplers = SamplerRegistry.all();
        Generation generation =
                Generation.prepare(v, Generation.Autoencoder.of(ae), training, w, AnchorSelection.defaults(), samplers);
        Generation.Output out = generation.generate(g.method(), count, g.seed(), Instant.now());
        GeneratedModel again = out.models().stream()
                .filter(m -> m.index() == g.index())
                .findFirst()
                .orElse(null);
        float[] stored = g.weights().values();
        if (again == null) {
            return new Outcome(g, null, stored.length, Double.POSITIVE_INFINITY, Map.of());
        }
        float[] reproduced = again.weights().values();
        int differing = 0;
        double max = 0;
        for (int i = 0; i < stored.length; i++) {
            if (Float.floatToRawIntBits(stored[i]) != Float.floatToRawIntBits(reproduced[i])) {
                differing++;
                max = Math.max(max, Math.abs((double) stored[i] - reproduced[i]));
            }
        }
        return new Outcome(
                g, reproduced, differing, max, parameterDiffs(g.samplerParameters(), again.samplerParameters()));
    }

    private static Optional<AutoencoderVersion> version(KafkaClients kafka, GeneratedModel g) {
        return KeyedRecords.first(
                        kafka,
                        Topics.AUTOENCODERS,
                        g.zooId(),
                        value -> {
                            try {
                                return PipelineEvents.AUTOENCODER
                                        .decode(value)
                                        .versionId()
                                        .equals(g.versionId());
                            } catch (EventFormatException e) {
                                return false;
                            }
                        },
                        READ_TIMEOUT)
                .map(f -> PipelineEvents.AUTOENCODER.decode(f.value()));
    }

    private static Map<String, String[]> parameterDiffs(Map<String, String> stored, Map<String, String> reproduced) {
        Map<String, String[]> diffs = new TreeMap<>();
        TreeSet<String> keys = new TreeSet<>(stored.keySet());
        keys.addAll(reproduced.keySet());
        for (String k : keys) {
            if (!Objects.equals(stored.get(k), reproduced.get(k))) {
                diffs.put(k, new String[] {stored.get(k), reproduced.get(k)});
            }
        }
        return diffs;
    }
}
