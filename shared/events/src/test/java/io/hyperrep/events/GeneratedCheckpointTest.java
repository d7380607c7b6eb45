package io.hyperrep.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratedCheckpointTest {

    static GeneratedModel model(String id) {
        float[] w = new float[Architectures.CNN_S.parameterCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.sin(i);
        }
        return new GeneratedModel(
                id,
                "zoo",
                "ae-1",
                "zoo@s",
                "kde",
                Map.of("anchorCount", "3"),
                42,
                7,
                "cnn-s",
                Architectures.CNN_S.layoutHash(),
                Weights.of(w),
                "2026-01-01T00:00:00Z",
                "a".repeat(64),
                "job-1",
                5);
    }

    @Test
    void shouldWriteACheckpointThatZooToolsReadWithTheLineageBeside() throws Exception {
        GeneratedModel g = model("ae-1/kde/s42/n10/7");
        EvaluatedModel e = new EvaluatedModel(
                g.sampleId(), "zoo", "ae-1", "kde", 0.81, 0.6, 2.0, Double.NaN, 0.3, List.of(), "ev", "t", null, null);
        byte[] file = GeneratedCheckpoint.encode(g, e);
        Checkpoint c = CheckpointCodec.decode(file);
        assertEquals("ae-1.kde.s42.n10.7", c.modelId());
        assertEquals(0, c.epoch());
        assertEquals(42, c.seed());
        assertEquals(0.81, c.metrics().testAcc());
        assertEquals(g.weights().sha256(), c.weightsSha256());
        JsonNode gen = new ObjectMapper().readTree(file).get("generated");
        assertEquals(g.sampleId(), gen.get("sampleId").asText());
        assertEquals("testAcc", gen.get("measured").get(0).asText());
        assertEquals(5, gen.get("epochWindow").asInt());
        assertEquals(
                0,
                new ObjectMapper()
                        .readTree(GeneratedCheckpoint.encode(g, null))
                        .get("generated")
                        .get("measured")
                        .size());
    }

    @Test
    void shouldHashIdsThatAreNotValidModelIds() {
        String id = GeneratedCheckpoint.modelId("v/" + "x".repeat(200));
        assertTrue(id.startsWith("g-") && id.length() == 34, id);
        assertEquals(ModelExport.Format.ONNX, ModelExport.Format.parse("onnx"));
        assertEquals(
                "ae-1.kde.s42.n10.7.safetensors",
                ModelExport.fileName("ae-1/kde/s42/n10/7", ModelExport.Format.SAFETENSORS));
    }
}
