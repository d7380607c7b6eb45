package io.hyperrep.service.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperrep.events.ModelExport;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.PipelineEvents.TrainingJob;
import io.hyperrep.events.Snapshot;
import java.util.List;
import java.util.Map;

/**
 * The registry's JSON documents (docs/openapi.yaml): a listing page and a model's lineage. Numbers that
 * are not finite are written as {@code null}.
 */
final class ModelDocuments {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One training checkpoint as the lineage lists it. */
    record TrainingCheckpoint(String key, String sha256) {}

    private ModelDocuments() {}

    // Kept apart (duplicates): API documents (docs/openapi.yaml) are written field by field; each names its own fields.
    static ObjectNode page(ModelPage page, Map<String, List<String>> facets) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode models = root.putArray("models");
        for (ModelSummary s : page.models()) {
            ObjectNode m = models.addObject();
            m.put("sampleId", s.sampleId());
            m.put("zooId", s.zooId());
            m.put("versionId", s.versionId());
            m.put("method", s.method());
            number(m, "accuracy", s.accuracy());
            number(m, "novelty", s.novelty());
            m.put("time", s.time());
            m.put("evaluated", s.evaluated());
            m.put("weights", s.weights());
            m.put("href", "/api/models/" + SampleIds.toPath(s.sampleId()));
        }
        root.put("total", page.total());
        root.put("nextCursor", page.nextCursor()); // null as JSON null, as Jackson's put does for every boxed value
        if (facets != null) {
            root.set("facets", JSON.valueToTree(facets));
        }
        return root;
    }

    /**
     * A model's lineage document.
     *
     * @param training the training checkpoints, or null when they could not be rebuilt ({@code trainingError} says why)
     */
    static ObjectNode lineage(
            Lineage l,
            ModelIndex.Located at,
            String generatedTopic,
            EvaluatedModel evaluation,
            List<TrainingCheckpoint> training,
            String trainingError) {
        GeneratedModel g = l.model();
        ObjectNode root = JSON.createObjectNode();
        root.put("sampleId", g.sampleId());
        root.put("zooId", g.zooId());
        root.put("arch", g.arch());
        root.put("layoutHash", g.layoutHash());
        root.put("time", g.time());
        ObjectNode sampler = root.putObject("sampler");
        sampler.put("method", g.method());
        sampler.put("seed", g.seed());
        sampler.put("index", g.index());
        sampler.put("count", l.count());
        sampler.set("parameters", JSON.valueToTree(g.samplerParameters()));

        ObjectNode weights = root.putObject("weights");
        weights.put("dtype", g.weights().dtype());
        weights.put("count", g.weights().count());
        weights.put("sha256", g.weights().sha256());
        weights.put("topic", generatedTopic);
        weights.put("partition", at.generatedPartition());
        weights.put("offset", at.generatedOffset());

        if (evaluation == null) {
            root.putNull("evaluation");
        } else {
            ObjectNode e = root.putObject("evaluation");
            number(e, "testAccuracy", evaluation.testAccuracy());
            number(e, "testLoss", evaluation.testLoss());
            number(e, "nearestDistance", evaluation.nearestDistance());
            number(e, "relativeNovelty", evaluation.relativeNovelty());
            number(e, "maxErrorIoU", evaluation.maxErrorIoU());
            ArrayNode ft = e.putArray("finetuneAccuracy");
            evaluation.finetuneAccuracy().forEach(ft::add);
            e.put("evaluator", evaluation.evaluator());
            e.put("time", evaluation.time());
        }

        ObjectNode ae = root.putObject("autoencoder");
        ae.put("versionId", g.versionId());
        ae.put("sha256", l.autoencoderSha256());
        ae.put("jobId", l.jobId());
        ae.put("recordAvailable", l.version().isPresent());
        l.version().ifPresent(v -> version(ae, v));

        if (l.job().isEmpty()) {
            root.putNull("trainingJob");
        } else {
            TrainingJob j = l.job().get();
            ObjectNode job = root.putObject("trainingJob");
            job.put("jobId", j.jobId());
            job.put("mode", j.mode());
            job.put("warmStartVersion", j.warmStartVersion());
            job.put("snapshotId", j.snapshotId());
            job.put("datasetTopic", j.datasetTopic());
            job.set("endOffsets", offsets(j.endOffsets()));
            job.put("time", j.time());
        }

        if (l.snapshot().isEmpty()) {
            root.putNull("snapshot");
            if (l.snapshotId() != null) {
                root.put("snapshotId", l.snapshotId());
            }
        } else {
            Snapshot s = l.snapshot().get();
            ObjectNode snap = root.putObject("snapshot");
            snap.put("id", s.id());
            snap.put("topic", s.topic());
            snap.set("endOffsets", offsets(s.endOffsets()));
            snap.put("checkpoints", s.checkpoints());
            snap.put("models", s.models());
            snap.set("perEpoch", JSON.valueToTree(s.perEpoch()));
            snap.put("trigger", s.trigger());
            snap.put("time", s.time().toString());
        }

        ObjectNode tc = root.putObject("trainingCheckpoints");
        tc.put("epochWindow", l.epochWindow());
        tc.put("windowSource", l.windowSource());
        tc.put("split", "train");
        if (training == null) {
            tc.putNull("count");
            tc.putNull("checkpoints");
            tc.put("error", trainingError);
        } else {
            tc.put("count", training.size());
            ArrayNode list = tc.putArray("checkpoints");
            for (TrainingCheckpoint c : training) {
                list.addObject().put("key", c.key()).put("sha256", c.sha256());
            }
        }

        ArrayNode missing = root.putArray("missing");
        l.missing().forEach(missing::add);
        ObjectNode downloads = root.putObject("downloads");
        for (ModelExport.Format f : ModelExport.Format.values()) {
            downloads.put(f.id(), "/api/models/" + SampleIds.toPath(g.sampleId()) + "/weights?format=" + f.id());
        }
        return root;
    }

    private static void version(ObjectNode ae, AutoencoderVersion v) {
        ae.put("artifact", v.artifact());
        ae.put("parentVersion", v.parentVersion());
        ae.put("snapshotId", v.snapshotId());
        ae.put("arch", v.arch());
        ae.put("epochs", v.epochs());
        number(ae, "validationLoss", v.validationLoss());
        number(ae, "r2", v.r2());
        ae.put("epochWindow", v.epochWindow());
        ae.put("time", v.time());
    }

    private static ObjectNode offsets(Map<Integer, Long> offsets) {
        ObjectNode o = JSON.createObjectNode();
        new java.util.TreeMap<>(offsets).forEach((p, off) -> o.put(String.valueOf(p), off));
        return o;
    }

    private static void number(ObjectNode node, String field, Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
