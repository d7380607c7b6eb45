package io.hyperrep.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.events.PipelineEvents.TrainingProgress;
import io.hyperrep.events.PipelineEvents.TrainingProgress.Phase;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The progress phase is an enum in Java and the lower-case word of docs/EVENTS.md on the wire. */
class TrainingProgressPhaseTest {

    /** A progress record as the trainer wrote it before the phase was an enum. */
    static String record(String phase) {
        return "{\"schema\":\"io.hyperrep.training-progress.v1\",\"jobId\":\"job-1\",\"zooId\":\"z\","
                + "\"worker\":\"trainer-a\",\"phase\":\"" + phase + "\",\"epoch\":2,\"epochs\":5,\"trainLoss\":0.5,"
                + "\"validationLoss\":0.6,\"r2\":0.25,\"samplesPerSecond\":40.0,\"message\":null,"
                + "\"time\":\"2026-01-01T00:00:00Z\"}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"started", "resumed", "epoch", "retrying", "finished", "failed"})
    void shouldReadAndWriteEveryDocumentedPhaseByteForByte(String phase) {
        byte[] json = record(phase).getBytes(StandardCharsets.UTF_8);
        TrainingProgress p = PipelineEvents.TRAINING_PROGRESS.decode(json);
        assertArrayEquals(
                json, PipelineEvents.TRAINING_PROGRESS.encode(p), "the JSON bytes are those of docs/EVENTS.md");
    }

    @Test
    void shouldDecodeThePhaseAsItsEnumConstant() {
        assertEquals(
                Phase.EPOCH,
                PipelineEvents.TRAINING_PROGRESS
                        .decode(record("epoch").getBytes(StandardCharsets.UTF_8))
                        .phase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"paused", "EPOCH", ""})
    void shouldRejectAnUnknownPhaseAsAnInvalidFieldNamingIt(String phase) {
        EventFormatException e = assertThrows(
                EventFormatException.class,
                () -> PipelineEvents.TRAINING_PROGRESS.decode(record(phase).getBytes(StandardCharsets.UTF_8)));
        assertEquals(EventFormatException.Reason.INVALID_FIELD, e.reason());
        assertTrue(e.getMessage().contains("phase must be one of [started, resumed"), e.getMessage());
    }

    @Test
    void shouldRejectAMissingPhase() {
        EventFormatException e = assertThrows(
                EventFormatException.class,
                () -> PipelineEvents.TRAINING_PROGRESS.decode(
                        record("x").replace("\"phase\":\"x\"", "\"phase\":null").getBytes(StandardCharsets.UTF_8)));
        assertEquals(EventFormatException.Reason.INVALID_FIELD, e.reason());
        assertTrue(e.getMessage().contains("'phase'"), e.getMessage());
    }
}
