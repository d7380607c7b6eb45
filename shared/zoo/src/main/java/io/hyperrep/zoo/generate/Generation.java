package io.hyperrep.zoo.generate;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.sample.AnchorSelection;
import io.hyperrep.core.sample.LatentSampler;
import io.hyperrep.core.sample.Samplers;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.Weights;
import io.hyperrep.ml.hyper.HyperRepresentation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generating models from one autoencoder version (docs/METHOD.md §6): the version's training checkpoints
 * are encoded once, the anchors chosen among them, and then each call fits a sampler to the anchors,
 * draws latents, decodes them and keeps the finite ones as {@link GeneratedModel}s with their lineage.
 * Everything is determined by the version, method, seed and count, and so is each sample's id: a
 * repeated run yields the same models under the same ids. No Kafka, no Vert.x.
 */
public final class Generation {

    /** What generation needs of a hyper-representation ({@link HyperRepresentation} in production). */
    public interface Autoencoder {
        Architecture architecture();

        /** Latent codes of canonical weight vectors. */
        float[][] encode(float[][] canonical);

        /** Canonical weight vectors of latent codes. */
        float[][] decode(float[][] latents);

        static Autoencoder of(HyperRepresentation h) {
            return new Autoencoder() {
                @Override
                public Architecture architecture() {
                    return h.architecture();
                }

                @Override
                public float[][] encode(float[][] canonical) {
                    return h.encode(canonical);
                }

                @Override
                public float[][] decode(float[][] latents) {
                    return h.decode(latents);
                }
            };
        }
    }

    /** The finite models of one call, and how many decoded vectors were dropped as not finite. */
    public record Output(List<GeneratedModel> models, int nonFinite) {}

    private final AutoencoderVersion version;
    private final Autoencoder ae;
    private final Samplers samplers;
    private final float[][] anchors;
    private final Map<String, String> anchorParameters;
    private final int epochWindow;

    private Generation(
            AutoencoderVersion version,
            Autoencoder ae,
            Samplers samplers,
            float[][] anchors,
            Map<String, String> anchorParameters,
            int epochWindow) {
        // Kept apart (duplicates): a constructor that stores its collaborators, one assignment a field.
        this.version = version;
        this.ae = ae;
        this.samplers = samplers;
        this.anchors = anchors;
        this.anchorParameters = anchorParameters;
        this.epochWindow = epochWindow;
    }

    /**
     * Encodes {@code training} (the checkpoints the autoencoder was trained on, in a stable order, rebuilt
     * from the version's snapshot with {@code epochWindow}) and selects the anchors among them.
     */
    public static Generation prepare(
            AutoencoderVersion version,
            Autoencoder ae,
            List<Checkpoint> training,
            int epochWindow,
            AnchorSelection selection,
            Samplers samplers) {
        Architecture arch = ae.architecture();
        if (!arch.id().equals(version.arch())) {
            throw new IllegalArgumentException("version " + version.versionId() + " says " + version.arch()
                    + " but its autoencoder encodes " + arch.id());
        }
        if (training.isEmpty()) {
            throw new IllegalArgumentException(
                    "version " + version.versionId() + " has no training checkpoints to anchor the samplers");
        }
        float[][] weights = new float[training.size()][];
        List<CheckpointMetrics> metrics = new ArrayList<>(training.size());
        List<String> models = new ArrayList<>(training.size());
        for (int i = 0; i < weights.length; i++) {
            Checkpoint c = training.get(i);
            if (!c.arch().equals(arch.id())) {
                throw new IllegalArgumentException("training checkpoint " + c.key() + " is " + c.arch()
                        + ", the autoencoder encodes " + arch.id());
            }
            weights[i] = c.weights();
            metrics.add(c.metrics());
            models.add(c.modelId());
        }
        float[][] anchors = selection.anchors(ae.encode(weights), metrics, models);
        Map<String, String> p = new LinkedHashMap<>();
        selection.parameters().forEach((k, v) -> p.put(k, String.valueOf(v)));
        p.put("anchorCount", String.valueOf(anchors.length));
        p.put("trainingCheckpoints", String.valueOf(training.size()));
        return new Generation(version, ae, samplers, anchors, Collections.unmodifiableMap(p), epochWindow);
    }

    public AutoencoderVersion version() {
        return version;
    }

    public int anchorCount() {
        return anchors.length;
    }

    /** The anchors' latent codes (a copy), for checks that compare two preparations. */
    public float[][] anchors() {
        float[][] copy = new float[anchors.length][];
        for (int i = 0; i < anchors.length; i++) {
            copy[i] = anchors[i].clone();
        }
        return copy;
    }

    /** {@code count} models drawn with {@code method} and {@code seed}; non-finite decodings are left out. */
    public Output generate(String method, int count, long seed, Instant now) {
        Draw draw = draw(ae, samplers, method, anchors, count, seed);
        Map<String, String> parameters = new LinkedHashMap<>(anchorParameters);
        parameters.putAll(draw.samplerParameters());
        Architecture arch = ae.architecture();
        List<GeneratedModel> models = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (draw.decoded()[i] != null) {
                models.add(new GeneratedModel(
                        sampleId(version.versionId(), method, seed, count, i),
                        version.zooId(),
                        version.versionId(),
                        version.snapshotId(),
                        method,
                        parameters,
                        seed,
                        i,
                        arch.id(),
                        arch.layoutHash(),
                        Weights.of(draw.decoded()[i]),
                        now.toString(),
                        version.sha256(),
                        version.jobId(),
                        epochWindow));
            }
        }
        return new Output(List.copyOf(models), draw.nonFinite());
    }

    /**
     * One sampling run: latents decoded to canonical weights, in draw order; a row that decoded to a
     * NaN or infinite weight is {@code null} (counted in {@code nonFinite}), never kept.
     */
    public record Draw(float[][] decoded, int nonFinite, Map<String, String> samplerParameters) {}

    /** Fits {@code method} to {@code anchors} (latent codes) with {@code seed}, draws {@code count} latents and decodes them. */
    public static Draw draw(Autoencoder ae, Samplers samplers, String method, float[][] anchors, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        LatentSampler sampler = samplers.fit(method, anchors, seed);
        float[][] decoded = ae.decode(sampler.sample(count, seed));
        int nonFinite = 0;
        for (int i = 0; i < decoded.length; i++) {
            if (!finite(decoded[i])) {
                decoded[i] = null;
                nonFinite++;
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        sampler.parameters().forEach((k, v) -> parameters.put(k, String.valueOf(v)));
        return new Draw(decoded, nonFinite, Collections.unmodifiableMap(parameters));
    }

    /**
     * The id of sample {@code index} of a run. The count is part of it because not every sampler draws
     * sample i independently of how many are drawn (the faithful KDE draws all row indices first).
     */
    public static String sampleId(String versionId, String method, long seed, int count, int index) {
        return versionId + "/" + method + "/s" + seed + "/n" + count + "/" + index;
    }

    /** The ids a run will give its samples (those decoded to non-finite weights are dropped later). */
    public static List<String> sampleIds(String versionId, String method, long seed, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(sampleId(versionId, method, seed, count, i));
        }
        return ids;
    }

    private static boolean finite(float[] w) {
        for (float x : w) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
