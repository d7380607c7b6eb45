package io.hyperrep.zoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Normalization;
import io.hyperrep.core.io.AtomicFiles;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.Initialization;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.EventFormatException;
import io.hyperrep.ml.cnn.TrainerKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A zoo on disk:
 * <pre>
 * zoo.json                               the ZooSpec (recipe, models, epochs, kept epochs)
 * checkpoints/m0007/epoch-005.json       one checkpoint event each (the Kafka record value, byte for byte)
 * metrics/group-000.csv                  model,epoch,train_loss,train_acc,val_acc,test_acc for every epoch
 * state/group-000.json                   epochs done by an unfinished group, and beside it its resumable
 *   group-000.kernel or group-000.sd     training state (weights, Adam moments) from the Java kernel or SameDiff
 * </pre>
 * Every file is written to a temporary name and renamed, so nothing half-written looks valid.
 */
public final class ZooDirectory {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path root;

    private ZooDirectory(Path root) {
        this.root = root;
    }

    /** Opens an existing zoo directory. */
    public static ZooDirectory open(Path root) {
        if (!Files.isRegularFile(root.resolve("zoo.json"))) {
            throw new ZooException(
                    root + " is not a zoo directory (no zoo.json); create one with 'hyperrep zoo train'");
        }
        return new ZooDirectory(root);
    }

    /** Creates (or re-opens, if the spec matches) a zoo directory for {@code spec}. */
    public static ZooDirectory create(Path root, ZooSpec spec) {
        try {
            Files.createDirectories(root);
        } catch (AccessDeniedException e) {
            throw new ZooException("cannot create " + root + ": permission denied");
        } catch (IOException e) {
            throw new ZooException("cannot create " + root + ": " + e.getMessage());
        }
        if (!Files.isWritable(root)) {
            throw new ZooException(root + " is not writable");
        }
        ZooDirectory dir = new ZooDirectory(root);
        Path specFile = root.resolve("zoo.json");
        if (Files.exists(specFile)) {
            ZooSpec existing = dir.spec();
            if (!existing.equals(spec)) {
                throw new ZooException(root + " already holds a different zoo (" + existing.zooId() + ", "
                        + existing.models() + " models x " + existing.epochs()
                        + " epochs); use another --out or the same settings to resume");
            }
            return dir;
        }
        dir.writeAtomically(specFile, toJson(spec));
        return dir;
    }

    public Path root() {
        return root;
    }

    public ZooSpec spec() {
        try {
            return fromJson(JSON.readTree(root.resolve("zoo.json").toFile()));
        } catch (IOException e) {
            throw new ZooException(root.resolve("zoo.json") + " is not valid JSON: " + e.getMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ZooException(root.resolve("zoo.json") + " is invalid: " + e.getMessage());
        }
    }

    public Path checkpointFile(String modelId, int epoch) {
        return root.resolve("checkpoints").resolve(modelId).resolve(String.format("epoch-%03d.json", epoch));
    }

    public void writeCheckpoint(Checkpoint c) {
        writeAtomically(checkpointFile(c.modelId(), c.epoch()), CheckpointCodec.encode(c));
    }

    public boolean hasCheckpoint(String modelId, int epoch) {
        return Files.isRegularFile(checkpointFile(modelId, epoch));
    }

    /** Every checkpoint file in the zoo, sorted by model and epoch. */
    public List<Path> checkpointFiles() {
        Path dir = root.resolve("checkpoints");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and validates one checkpoint file. */
    public static Checkpoint readCheckpoint(Path file) {
        try {
            return CheckpointCodec.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ZooException("cannot read " + file + ": " + e.getMessage());
        } catch (EventFormatException e) {
            throw new ZooException(file + " is not a valid checkpoint: " + e.getMessage());
        }
    }

    /** Every checkpoint of the zoo. */
    public List<Checkpoint> readAll() {
        List<Checkpoint> out = new ArrayList<>();
        for (Path p : checkpointFiles()) {
            out.add(readCheckpoint(p));
        }
        return out;
    }

    /** Where a group's training state from {@code trainer} is kept. */
    Path stateFile(int group, TrainerKind trainer) {
        return root.resolve("state")
                .resolve(String.format("group-%03d.%s", group, trainer == TrainerKind.KERNEL ? "kernel" : "sd"));
    }

    Path stateMarker(int group) {
        return root.resolve("state").resolve(String.format("group-%03d.json", group));
    }

    Path metricsFile(int group) {
        return root.resolve("metrics").resolve(String.format("group-%03d.csv", group));
    }

    /** All metric rows (every model, every epoch trained so far), header first. */
    public List<String> metricRows() {
        Path dir = root.resolve("metrics");
        List<String> rows = new ArrayList<>();
        rows.add(MetricsCsv.HEADER);
        if (!Files.isDirectory(dir)) {
            return rows;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                rows.addAll(lines.subList(1, lines.size()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    void writeAtomically(Path file, byte[] bytes) {
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new ZooException("cannot write " + file + ": " + e.getMessage());
        }
    }

    // Kept apart (duplicates): zoo.json is written field by field; the put calls look like any JSON writer.
    static byte[] toJson(ZooSpec s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("formatVersion", 1);
        n.put("zooId", s.zooId());
        n.put("models", s.models());
        n.put("epochs", s.epochs());
        n.put("firstSeed", s.firstSeed());
        n.put("groupSize", s.groupSize());
        n.put("trainImages", s.trainImages());
        if (s.sharedInitSeed() != null) {
            n.put("sharedInitSeed", s.sharedInitSeed());
        }
        ArrayNode keep = n.putArray("keepEpochs");
        s.keepEpochs().forEach(keep::add);
        ZooRecipe r = s.recipe();
        ObjectNode rn = n.putObject("recipe");
        rn.put("dataset", r.dataset());
        rn.put("arch", r.arch());
        rn.put("layoutHash", Architectures.byId(r.arch()).layoutHash());
        rn.put("activation", r.activation().name().toLowerCase(java.util.Locale.ROOT));
        rn.put("init", r.init().id());
        rn.put("biasInit", Initialization.RECIPE_BIAS);
        rn.put("optimizer", "adam");
        rn.put("learningRate", r.learningRate());
        rn.put("beta1", r.beta1());
        rn.put("beta2", r.beta2());
        rn.put("epsilon", r.epsilon());
        rn.put("weightDecayL2", r.weightDecay());
        rn.put("batchSize", r.batchSize());
        rn.put("loss", "softmax-cross-entropy");
        ObjectNode norm = rn.putObject("preprocessing");
        norm.put("scheme", "(byte/255 - mean) / std");
        norm.put("mean", r.normalization().mean());
        norm.put("std", r.normalization().std());
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ZooSpec fromJson(JsonNode n) {
        JsonNode rn = n.required("recipe");
        JsonNode norm = rn.required("preprocessing");
        ZooRecipe r = new ZooRecipe(
                rn.required("dataset").asText(),
                rn.required("arch").asText(),
                Activation.parse(rn.required("activation").asText()),
                Initialization.parse(rn.required("init").asText()),
                rn.required("learningRate").asDouble(),
                rn.required("beta1").asDouble(),
                rn.required("beta2").asDouble(),
                rn.required("epsilon").asDouble(),
                rn.required("weightDecayL2").asDouble(),
                rn.required("batchSize").asInt(),
                new Normalization(
                        norm.required("mean").asDouble(), norm.required("std").asDouble()));
        TreeSet<Integer> keep = new TreeSet<>();
        n.required("keepEpochs").forEach(e -> keep.add(e.asInt()));
        return new ZooSpec(
                n.required("zooId").asText(),
                r,
                n.required("models").asInt(),
                n.required("epochs").asInt(),
                n.required("firstSeed").asLong(),
                n.required("groupSize").asInt(),
                keep,
                n.path("trainImages").asInt(0),
                n.hasNonNull("sharedInitSeed")
                        ? Long.valueOf(n.get("sharedInitSeed").asLong())
                        : null);
    }
}
