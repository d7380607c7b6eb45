package io.hyperrep.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lineage fields added to v1 events after their first records were written: records from before
 * (literal JSON as the trainer and sampler wrote it) still decode, with the new fields null; new records
 * carry them; every other field stays required.
 */
class OptionalFieldsTest {

    static final String OLD_VERSION =
            "{\"schema\":\"io.hyperrep.autoencoder.v1\",\"versionId\":\"ae-1\",\"zooId\":\"z\",\"jobId\":\"job-1\","
                    + "\"snapshotId\":\"z@1\",\"parentVersion\":null,\"artifact\":\"file:/store/sha256/x/\",\"sha256\":\""
                    + "a".repeat(64) + "\","
                    + "\"arch\":\"cnn-s\",\"epochs\":30,\"validationLoss\":0.5,\"r2\":0.3,\"time\":\"2026-01-01T00:00:00Z\"}";

    static final Weights W = Weights.of(new float[] {0.5f, -1f});

    static final String OLD_GENERATED =
            "{\"schema\":\"io.hyperrep.generated-model.v1\",\"sampleId\":\"ae-1/kde/s42/n2/0\",\"zooId\":\"z\","
                    + "\"versionId\":\"ae-1\",\"snapshotId\":\"z@1\",\"method\":\"kde\",\"samplerParameters\":{\"anchorCount\":\"3\"},\"seed\":42,"
                    + "\"index\":0,\"arch\":\"cnn-s\",\"layoutHash\":\"h\",\"weights\":{\"dtype\":\"float32\",\"byteOrder\":\"little-endian\",\"count\":2,"
                    + "\"sha256\":\"" + W.sha256() + "\",\"base64\":\"" + W.base64()
                    + "\"},\"time\":\"2026-01-01T00:00:00Z\"}";

    static final String OLD_EVALUATED =
            "{\"schema\":\"io.hyperrep.evaluated-model.v1\",\"sampleId\":\"ae-1/kde/s42/n2/0\",\"zooId\":\"z\","
                    + "\"versionId\":\"ae-1\",\"method\":\"kde\",\"testAccuracy\":0.82,\"testLoss\":0.5,\"nearestDistance\":3.1,"
                    + "\"relativeNovelty\":1.2,\"maxErrorIoU\":0.6,\"finetuneAccuracy\":[],\"evaluator\":\"ev\",\"time\":\"2026-01-01T00:00:00Z\"}";

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadRecordsWrittenBeforeTheLineageFieldsWithThemNull() {
        AutoencoderVersion v = PipelineEvents.AUTOENCODER.decode(utf8(OLD_VERSION));
        assertEquals("ae-1", v.versionId());
        assertNull(v.epochWindow());
        GeneratedModel g = PipelineEvents.GENERATED_MODEL.decode(utf8(OLD_GENERATED));
        assertEquals("ae-1/kde/s42/n2/0", g.sampleId());
        assertNull(g.autoencoderSha256());
        assertNull(g.jobId());
        assertNull(g.epochWindow());
        assertEquals(
                PipelineEvents.LEGACY_EPOCH_WINDOW,
                v.epochWindowOrLegacy(),
                "a version from before the field: trainer.window's default then");
        assertEquals(PipelineEvents.LEGACY_EPOCH_WINDOW, g.epochWindowOrLegacy());
        assertEquals(List.of("epochWindow"), PipelineEvents.AUTOENCODER.optionalFields());
        assertEquals(
                List.of("autoencoderSha256", "jobId", "epochWindow"), PipelineEvents.GENERATED_MODEL.optionalFields());
    }

    @Test
    void shouldReadEvaluationsWrittenBeforeTheReferenceAccuraciesWithThemNull() {
        EvaluatedModel e = PipelineEvents.EVALUATED_MODEL.decode(utf8(OLD_EVALUATED));
        assertEquals(0.82, e.testAccuracy());
        assertNull(e.anchorMeanTestAccuracy());
        assertNull(e.zooMeanTestAccuracy());
        assertEquals(
                List.of("anchorMeanTestAccuracy", "zooMeanTestAccuracy"),
                PipelineEvents.EVALUATED_MODEL.optionalFields());
    }

    @Test
    void shouldCarryTheReferenceAccuraciesOfNewEvaluationsAndCheckThem() {
        EvaluatedModel e = new EvaluatedModel(
                "s", "z", "ae-1", "kde", 0.82, 0.5, 3.1, 1.2, 0.6, List.of(), "ev", "t", 0.861, 0.858);
        EvaluatedModel back = PipelineEvents.EVALUATED_MODEL.decode(PipelineEvents.EVALUATED_MODEL.encode(e));
        assertEquals(e, back);
        assertEquals(0.861, back.anchorMeanTestAccuracy());
        assertEquals(0.858, back.zooMeanTestAccuracy());
        assertNull(
                PipelineEvents.EVALUATED_MODEL
                        .decode(utf8(OLD_EVALUATED.replaceFirst(
                                "}$", ",\"anchorMeanTestAccuracy\":null," + "\"zooMeanTestAccuracy\":0.85}")))
                        .anchorMeanTestAccuracy(),
                "a model without an anchor selection has no anchor reference");
        var outside = assertThrows(
                EventFormatException.class,
                () -> PipelineEvents.EVALUATED_MODEL.decode(
                        utf8(OLD_EVALUATED.replaceFirst("}$", ",\"anchorMeanTestAccuracy\":86.1}"))));
        assertEquals(EventFormatException.Reason.INVALID_FIELD, outside.reason(), "a percentage is not an accuracy");
        var zooOutside = assertThrows(
                EventFormatException.class,
                () -> PipelineEvents.EVALUATED_MODEL.decode(
                        utf8(OLD_EVALUATED.replaceFirst("}$", ",\"zooMeanTestAccuracy\":-0.1}"))));
        assertEquals(EventFormatException.Reason.INVALID_FIELD, zooOutside.reason());
    }

    @Test
    void shouldCarryTheLineageFieldsOfNewRecords() {
        GeneratedModel g = new GeneratedModel(
                "ae-1/kde/s42/n2/1",
                "z",
                "ae-1",
                "z@1",
                "kde",
                Map.of(),
                42,
                1,
                "cnn-s",
                "h",
                W,
                "t",
                "b".repeat(64),
                "job-1",
                5);
        assertEquals(g, PipelineEvents.GENERATED_MODEL.decode(PipelineEvents.GENERATED_MODEL.encode(g)));
        AutoencoderVersion v = new AutoencoderVersion(
                "ae-1", "z", "job-1", "z@1", null, "file:/a", "a".repeat(64), "cnn-s", 3, 0.1, 0.2, "t", 4);
        assertEquals(
                4,
                PipelineEvents.AUTOENCODER
                        .decode(PipelineEvents.AUTOENCODER.encode(v))
                        .epochWindow());
        assertEquals(4, v.epochWindowOrLegacy());
        assertEquals(5, g.epochWindowOrLegacy());
        String json = new String(PipelineEvents.AUTOENCODER.encode(v), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"epochWindow\":4") && !json.contains("OrLegacy"), json);
    }

    @Test
    void shouldStillRequireEveryOtherFieldAndCheckTheNewOnes() {
        var missing = assertThrows(
                EventFormatException.class,
                () -> PipelineEvents.AUTOENCODER.decode(
                        utf8(OLD_VERSION.replace("\"sha256\":\"" + "a".repeat(64) + "\",", ""))));
        assertEquals(EventFormatException.Reason.MISSING_FIELD, missing.reason());
        var missingSeed = assertThrows(
                EventFormatException.class,
                () -> PipelineEvents.GENERATED_MODEL.decode(utf8(OLD_GENERATED.replace("\"seed\":42,", ""))));
        assertEquals(EventFormatException.Reason.MISSING_FIELD, missingSeed.reason());
        var badWindow = assertThrows(
                EventFormatException.class,
                () -> PipelineEvents.AUTOENCODER.decode(utf8(OLD_VERSION.replace("}", ",\"epochWindow\":0}"))));
        assertEquals(EventFormatException.Reason.INVALID_FIELD, badWindow.reason());
        var badSha = assertThrows(
                EventFormatException.class,
                () -> PipelineEvents.GENERATED_MODEL.decode(
                        utf8(OLD_GENERATED.replaceFirst("}$", ",\"autoencoderSha256\":\"xyz\"}"))));
        assertEquals(EventFormatException.Reason.INVALID_FIELD, badSha.reason());
    }

    record Primitive(String a, @OptionalField int b) {}

    @Test
    void shouldRefuseAnOptionalPrimitive() {
        assertThrows(IllegalArgumentException.class, () -> new JsonEventCodec<>("s", "t", Primitive.class));
    }
}
