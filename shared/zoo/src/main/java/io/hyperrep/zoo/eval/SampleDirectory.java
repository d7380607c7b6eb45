package io.hyperrep.zoo.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.io.PortablePaths;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.zoo.ZooDirectory;
import io.hyperrep.zoo.ZooException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a directory of generated models as one population: every {@code *.json} file below it whose
 * {@code schema} is the checkpoint schema is a model (the zoo layout {@code checkpoints/<id>/epoch-000.json}
 * is one such layout); other JSON files are metadata. The population's name is the {@code name} field
 * of {@code population.json} or {@code manifest.json} if present, else the directory's name; the scalar
 * fields of those two files become its lineage.
 */
public final class SampleDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METADATA = List.of("population.json", "manifest.json");

    private SampleDirectory() {}

    /**
     * Reads the population in {@code dir}, requiring every model to be of architecture {@code arch}.
     *
     * @throws IllegalArgumentException naming the file when a model has another architecture or no model exists
     * @throws ZooException             when a file cannot be read or is not valid JSON / a valid checkpoint
     */
    public static Population read(Path dir, Architecture arch) {
        if (!Files.isDirectory(dir)) {
            throw new ZooException(dir + " is not a directory of generated models");
        }
        Map<String, String> lineage = new LinkedHashMap<>();
        // relative inside the working directory, so that reports and results.json hold no machine paths
        lineage.put("directory", PortablePaths.portable(dir));
        String name = null;
        for (String meta : METADATA) {
            Path f = dir.resolve(meta);
            if (Files.isRegularFile(f)) {
                JsonNode n = readJson(f);
                n.fields().forEachRemaining(e -> {
                    if (e.getValue().isValueNode()) {
                        lineage.putIfAbsent(e.getKey(), e.getValue().asText());
                    }
                });
                if (name == null && n.path("name").isTextual()) {
                    name = n.get("name").asText();
                }
            }
        }
        if (name == null) {
            String base =
                    dir.toAbsolutePath().normalize().getFileName().toString().replaceAll("[^A-Za-z0-9_.+-]", "-");
            name = base.substring(0, Math.min(64, base.length()));
        }
        List<String> ids = new ArrayList<>();
        List<float[]> weights = new ArrayList<>();
        for (Path f : jsonFiles(dir)) {
            if (METADATA.contains(f.getFileName().toString()) && f.getParent().equals(dir)) {
                continue;
            }
            JsonNode n = readJson(f);
            if (!CheckpointCodec.SCHEMA.equals(n.path("schema").asText(null))) {
                continue;
            }
            Checkpoint c = ZooDirectory.readCheckpoint(f);
            if (!c.arch().equals(arch.id())) {
                throw new IllegalArgumentException(f + " holds a " + c.arch() + " model, but the zoo's architecture is "
                        + arch.id() + "; generated models must have the zoo's architecture");
            }
            c.requireFits(arch);
            ids.add(c.epoch() == 0 ? c.modelId() : c.modelId() + "-e" + c.epoch());
            weights.add(c.weights());
        }
        if (weights.isEmpty()) {
            throw new IllegalArgumentException(
                    dir + " holds no generated models (JSON files with schema " + CheckpointCodec.SCHEMA + ")");
        }
        return new Population(name, PopulationKind.SAMPLE, ids, weights.toArray(float[][]::new), lineage);
    }

    private static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p ->
                            Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ZooException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static JsonNode readJson(Path f) {
        try {
            JsonNode n = JSON.readTree(f.toFile());
            if (n == null || !n.isObject()) {
                throw new ZooException(f + " is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new ZooException(f + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
