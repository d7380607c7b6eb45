package io.hyperrep.events;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.export.Onnx;
import io.hyperrep.core.export.Safetensors;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A model in a file format for use outside hyperrep: {@code checkpoint} (checkpoint v1 JSON,
 * {@link GeneratedCheckpoint} for generated models), {@code safetensors} ({@link Safetensors}) or
 * {@code onnx} ({@link Onnx}). The ONNX graph needs the forward pass's activation and input
 * normalisation, which a checkpoint does not record: they are the recipe's that the services' zoos use
 * ({@link ZooRecipe#fashionMnistDefault()}: tanh, Fashion-MNIST mean and std), as the evaluator assumes.
 */
public final class ModelExport {

    /** The formats, with the file suffix and media type each is served with. */
    public enum Format {
        CHECKPOINT(".json", "application/json"),
        SAFETENSORS(".safetensors", "application/octet-stream"),
        ONNX(".onnx", "application/octet-stream");

        private final String suffix;
        private final String mediaType;

        Format(String suffix, String mediaType) {
            this.suffix = suffix;
            this.mediaType = mediaType;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String suffix() {
            return suffix;
        }

        public String mediaType() {
            return mediaType;
        }

        /** @throws IllegalArgumentException naming the formats when {@code s} is none of them */
        public static Format parse(String s) {
            for (Format f : values()) {
                if (f.id().equals(s)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown format '" + s + "'; known: checkpoint, safetensors, onnx");
        }
    }

    /** The recipe whose activation and normalisation the ONNX graph uses. */
    public static final ZooRecipe RECIPE = ZooRecipe.fashionMnistDefault();

    private ModelExport() {}

    /** A generated model (with its evaluation, if any) in {@code format}. */
    public static byte[] of(GeneratedModel g, EvaluatedModel evaluation, Format format) {
        if (format == Format.CHECKPOINT) {
            return GeneratedCheckpoint.encode(g, evaluation);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("sampleId", g.sampleId());
        meta.put("zooId", g.zooId());
        meta.put("versionId", g.versionId());
        meta.put("method", g.method());
        meta.put("seed", String.valueOf(g.seed()));
        if (g.autoencoderSha256() != null) {
            meta.put("autoencoderSha256", g.autoencoderSha256());
        }
        if (evaluation != null) {
            meta.put("testAccuracy", String.valueOf(evaluation.testAccuracy()));
        }
        return weights(
                Architectures.byId(g.arch()), g.weights().values(), g.weights().sha256(), format, meta);
    }

    /** A checkpoint (e.g. a zoo directory's file) in {@code format}. */
    public static byte[] of(Checkpoint c, Format format) {
        if (format == Format.CHECKPOINT) {
            return CheckpointCodec.encode(c);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("checkpoint", c.key());
        meta.put("seed", String.valueOf(c.seed()));
        meta.put("testAccuracy", String.valueOf(c.metrics().testAcc()));
        return weights(Architectures.byId(c.arch()), c.weights(), c.weightsSha256(), format, meta);
    }

    private static byte[] weights(
            Architecture arch, float[] w, String sha256, Format format, Map<String, String> meta) {
        meta.put("arch", arch.id());
        meta.put("layoutHash", arch.layoutHash());
        meta.put("weightsSha256", sha256);
        meta.put("activation", RECIPE.activation().name().toLowerCase(Locale.ROOT));
        meta.put("producer", "hyperrep");
        if (format == Format.SAFETENSORS) {
            meta.put("format", "pt");
            return Safetensors.write(arch, w, meta);
        }
        meta.put(
                "input",
                Onnx.INPUT + ": float32 [batch," + arch.channels() + "," + arch.height() + "," + arch.width()
                        + "], raw pixels / 255; normalised inside the graph (mean "
                        + RECIPE.normalization().mean() + ", std "
                        + RECIPE.normalization().std() + ")");
        return Onnx.write(arch, RECIPE.activation(), RECIPE.normalization(), w, meta);
    }

    /** A file name for a model: its id with {@code /} as {@code .}, and the format's suffix. */
    public static String fileName(String id, Format format) {
        return GeneratedCheckpoint.modelId(id) + format.suffix();
    }
}
