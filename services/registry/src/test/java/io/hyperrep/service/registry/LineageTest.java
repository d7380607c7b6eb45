package io.hyperrep.service.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.PipelineEvents.TrainingJob;
import io.hyperrep.events.Snapshot;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How a lineage is followed when links are in the model's record, only in the version's, or nowhere. */
class LineageTest {

    static final String SHA = "e".repeat(64);
    static final AutoencoderVersion VERSION =
            new AutoencoderVersion("v1", "z", "j1", "z@s", null, "file:/a", SHA, "cnn-s", 3, 0.1, 0.2, "t", 4);
    static final TrainingJob JOB =
            new TrainingJob("j1", "z", "z@s", "hyperrep.dataset", Map.of(0, 9L), TrainingJob.TRAIN, null, "t");
    static final Snapshot SNAPSHOT = new Snapshot(
            "z@s",
            "z",
            "cnn-s",
            "hyperrep.dataset",
            new TreeMap<>(Map.of(0, 9L)),
            9,
            3,
            new TreeMap<>(Map.of(1, 9)),
            "quiet",
            Instant.EPOCH);

    static GeneratedModel model(String sha, String job, Integer window) {
        return new GeneratedModel(
                "v1/kde/s42/n20/3",
                "z",
                "v1",
                "z@s",
                "kde",
                Map.of(),
                42,
                3,
                "cnn-s",
                "h",
                Records.W,
                "t",
                sha,
                job,
                window);
    }

    @Test
    void shouldFollowTheModelsOwnLinksFirst() {
        LineageCatalog c = new LineageCatalog();
        c.job(JOB);
        c.snapshot(SNAPSHOT);
        Lineage l = Lineage.resolve(model(SHA, "j1", 2), c);
        assertEquals(SHA, l.autoencoderSha256());
        assertEquals(JOB, l.job().orElseThrow());
        assertEquals(SNAPSHOT, l.snapshot().orElseThrow());
        assertEquals(2, l.epochWindow());
        assertEquals("model", l.windowSource());
        assertEquals(20, l.count());
        assertEquals(1, l.missing().size(), "the compacted version record: " + l.missing());
        assertTrue(
                l.missing().get(0).contains("names its artifact"), l.missing().get(0));
    }

    @Test
    void shouldFollowAnOldRecordThroughItsVersionAndSayWhatCannotBeFollowed() {
        LineageCatalog c = new LineageCatalog();
        c.version(VERSION);
        c.job(JOB);
        c.snapshot(SNAPSHOT);
        Lineage l = Lineage.resolve(model(null, null, null), c);
        assertEquals(SHA, l.autoencoderSha256());
        assertEquals("j1", l.jobId());
        assertEquals(4, l.epochWindow());
        assertEquals("version", l.windowSource());
        assertEquals(0, l.missing().size(), l.missing().toString());

        Lineage lost = Lineage.resolve(model(null, null, null), new LineageCatalog());
        assertNull(lost.autoencoderSha256());
        assertNull(lost.jobId());
        assertEquals("assumed", lost.windowSource());
        assertEquals(5, lost.epochWindow());
        assertEquals(4, lost.missing().size(), lost.missing().toString());
    }

    @Test
    void shouldReportAVersionThatDisagreesWithTheModel() {
        LineageCatalog c = new LineageCatalog();
        c.version(VERSION);
        Lineage l = Lineage.resolve(model("f".repeat(64), "j1", 4), c);
        assertTrue(
                l.missing().stream().anyMatch(m -> m.contains("its version's record " + SHA)),
                l.missing().toString());
    }
}
