package io.hyperrep.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * A generated model as a checkpoint file (checkpoint v1, the format of zoo directories), so every tool
 * that reads zoos reads it: {@code hyperrep evaluate --samples}, {@code zoo publish}, the exports. Epoch 0,
 * the model id is the sample id with {@code /} as {@code .} (a hash when that is not a valid id). Of the
 * metrics only {@code testAcc} is measured for a generated model (by the evaluator, when it has been);
 * the others are 0, and the extra {@code generated} object (ignored by checkpoint readers) says which were
 * measured and carries the lineage.
 */
public final class GeneratedCheckpoint {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private GeneratedCheckpoint() {}

    /** The checkpoint model id of a sample id. */
    public static String modelId(String sampleId) {
        String dotted = sampleId.replace('/', '.');
        return ID.matcher(dotted).matches()
                ? dotted
                : "g-"
                        + Checkpoint.sha256(sampleId.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                .substring(0, 32);
    }

    /** The checkpoint of {@code g}, with the test accuracy of {@code evaluation} (may be null). */
    public static Checkpoint checkpoint(GeneratedModel g, EvaluatedModel evaluation) {
        double acc = evaluation == null ? 0 : evaluation.testAccuracy();
        return new Checkpoint(
                g.zooId(),
                modelId(g.sampleId()),
                g.seed(),
                0,
                g.arch(),
                g.layoutHash(),
                new CheckpointMetrics(0, 0, 0, acc),
                g.weights().values());
    }

    /** The file's bytes: the checkpoint v1 JSON plus a {@code generated} object with the lineage and evaluation. */
    public static byte[] encode(GeneratedModel g, EvaluatedModel evaluation) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(CheckpointCodec.encode(checkpoint(g, evaluation)));
            // Kept apart (duplicates): the file format's extra object field by field, like the checkpoint's own fields.
            ObjectNode gen = root.putObject("generated");
            gen.put("sampleId", g.sampleId());
            gen.put("versionId", g.versionId());
            gen.put("snapshotId", g.snapshotId());
            gen.put("method", g.method());
            gen.put("seed", g.seed());
            gen.put("index", g.index());
            gen.set("samplerParameters", JSON.valueToTree(g.samplerParameters()));
            gen.put("autoencoderSha256", g.autoencoderSha256());
            gen.put("jobId", g.jobId());
            if (g.epochWindow() == null) {
                gen.putNull("epochWindow");
            } else {
                gen.put("epochWindow", g.epochWindow());
            }
            gen.put("time", g.time());
            gen.putArray("measured")
                    .addAll(evaluation == null ? java.util.List.of() : java.util.List.of(JSON.valueToTree("testAcc")));
            gen.set("evaluation", evaluation == null ? JSON.nullNode() : JSON.valueToTree(evaluation));
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the checkpoint of " + g.sampleId(), e);
        }
    }
}
