package io.hyperrep.service.registry;

import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.Weights;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Generated and evaluated model records for the index's tests. */
final class Records {

    static final Weights W = Weights.of(new float[] {0.25f});
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private Records() {}

    static String id(String version, String method, int i) {
        return version + "/" + method + "/s42/n100/" + i;
    }

    static GeneratedModel generated(String zoo, String version, String method, int i, long second) {
        return new GeneratedModel(
                id(version, method, i),
                zoo,
                version,
                zoo + "@snap",
                method,
                Map.of(),
                42,
                i,
                "cnn-s",
                "h",
                W,
                T0.plusSeconds(second).toString(),
                null,
                null,
                null);
    }

    static EvaluatedModel evaluated(GeneratedModel g, double accuracy, double novelty) {
        return new EvaluatedModel(
                g.sampleId(),
                g.zooId(),
                g.versionId(),
                g.method(),
                accuracy,
                0.5,
                1.0,
                novelty,
                0.3,
                List.of(),
                "ev",
                T0.plusSeconds(100_000).toString(),
                null,
                null);
    }
}
