package io.hyperrep.service.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.sample.AnchorSelection;
import io.hyperrep.events.EventFormatException;
import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.RejectReason;
import io.hyperrep.events.Weights;
import io.hyperrep.kafka.KafkaUnavailableException;
import io.hyperrep.ml.nd.Backend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks, grouping by snapshot, and the events a batch produces. */
class BatchEvaluationTest {

    static ModelEvaluator evaluator;
    static TrainingReference reference;

    @BeforeAll
    static void init() {
        Backend.init();
        evaluator = new ModelEvaluator(Fixtures.RECIPE, Fixtures.data().test().head(100), null, 0);
        reference = evaluator.reference("z@s", Architectures.CNN_S, Fixtures.zoo("z", 3, 2), null);
    }

    static GeneratedCheck.Valid valid(GeneratedModel g) {
        return assertInstanceOf(GeneratedCheck.Valid.class, GeneratedCheck.check(g, evaluator));
    }

    static RejectReason invalid(GeneratedModel g) {
        var bad = assertInstanceOf(GeneratedCheck.Invalid.class, GeneratedCheck.check(g, evaluator));
        assertTrue(bad.message().length() > 5, bad.message());
        return bad.reason();
    }

    @Test
    void shouldEvaluateEachGroupAgainstItsSnapshotAndFailOnlyTheGroupWithoutOne() {
        List<String> asked = new ArrayList<>();
        BatchEvaluation.References refs =
                (String snapshotId, Architecture arch, int epochWindow, AnchorSelection anchors) -> {
                    asked.add(snapshotId);
                    if (!snapshotId.equals("z@s")) {
                        throw new IllegalArgumentException("snapshot " + snapshotId + " is not in hyperrep.snapshots");
                    }
                    return reference;
                };
        List<GeneratedCheck.Valid> batch = List.of(
                valid(Fixtures.generated("a", "z", "z@s", Fixtures.weights(0, 2))),
                valid(Fixtures.generated("b", "z", "gone@x", Fixtures.weights(5, 2))),
                valid(Fixtures.generated("c", "z", "z@s", Fixtures.noisy(Fixtures.weights(1, 2), 0.02, 1))));
        var out = BatchEvaluation.run(batch, refs, evaluator, "evaluator-1", Instant.parse("2026-01-02T00:00:00Z"));
        assertEquals(List.of("z@s", "gone@x"), asked, "one reference per snapshot");
        EvaluatedModel a =
                assertInstanceOf(BatchEvaluation.Evaluated.class, out.get(0)).event();
        assertEquals("a", a.sampleId());
        assertEquals("z", a.zooId());
        assertEquals("ae-test", a.versionId());
        assertEquals("kde", a.method());
        assertEquals("evaluator-1", a.evaluator());
        assertEquals("2026-01-02T00:00:00Z", a.time());
        assertEquals(0, a.nearestDistance(), 1e-9, "a copy of training model m0000's last epoch");
        assertEquals(1.0, a.maxErrorIoU(), 1e-12);
        assertEquals(reference.meanTestAccuracy(), a.zooMeanTestAccuracy(), 1e-12);
        assertNull(a.anchorMeanTestAccuracy(), "its sampler parameters name no anchor selection");
        var failed = assertInstanceOf(BatchEvaluation.Failed.class, out.get(1));
        assertEquals("NO_REFERENCE", failed.reason());
        assertTrue(failed.message().contains("gone@x"));
        EvaluatedModel c =
                assertInstanceOf(BatchEvaluation.Evaluated.class, out.get(2)).event();
        assertTrue(c.nearestDistance() > 0 && c.relativeNovelty() > 0);
        assertNotEquals(BatchEvaluation.seedOf("a"), BatchEvaluation.seedOf("c"));
        assertEquals(BatchEvaluation.seedOf("a"), BatchEvaluation.seedOf("a"));
    }

    /** Models whose samplers chose their anchors differently are compared with different anchors. */
    @Test
    void shouldCompareEachModelWithTheAnchorsItsSamplerParametersName() {
        Map<AnchorSelection, TrainingReference> built = new java.util.HashMap<>();
        BatchEvaluation.References refs =
                (String snapshotId, Architecture arch, int epochWindow, AnchorSelection anchors) ->
                        built.computeIfAbsent(
                                anchors, a -> evaluator.reference(snapshotId, arch, Fixtures.zoo("z", 3, 2), a));
        List<GeneratedCheck.Valid> batch = List.of(
                valid(withParameters(
                        Fixtures.generated("top", "z", "z@s", Fixtures.weights(0, 2)),
                        AnchorSelection.defaults(),
                        "2")),
                valid(withParameters(
                        Fixtures.generated("all", "z", "z@s", Fixtures.weights(1, 2)), AnchorSelection.all(), "6")),
                valid(withParameters(
                        Fixtures.generated("miscounted", "z", "z@s", Fixtures.weights(2, 2)),
                        AnchorSelection.defaults(),
                        "5")));
        var out = BatchEvaluation.run(batch, refs, evaluator, "evaluator-1", Instant.parse("2026-01-02T00:00:00Z"));
        assertEquals(2, built.size(), "one reference per anchor selection");
        EvaluatedModel top =
                assertInstanceOf(BatchEvaluation.Evaluated.class, out.get(0)).event();
        EvaluatedModel all =
                assertInstanceOf(BatchEvaluation.Evaluated.class, out.get(1)).event();
        EvaluatedModel miscounted =
                assertInstanceOf(BatchEvaluation.Evaluated.class, out.get(2)).event();
        assertEquals(
                built.get(AnchorSelection.defaults()).anchors().meanTestAccuracy(),
                top.anchorMeanTestAccuracy(),
                1e-12);
        assertEquals(
                built.get(AnchorSelection.all()).anchors().meanTestAccuracy(), all.anchorMeanTestAccuracy(), 1e-12);
        assertNotEquals(
                top.anchorMeanTestAccuracy(), all.anchorMeanTestAccuracy(), "model 2's checkpoints alone vs all six");
        assertNull(
                miscounted.anchorMeanTestAccuracy(),
                "the sampler chose 5, these are 2: other checkpoints, so no reference");
        assertEquals(top.zooMeanTestAccuracy(), all.zooMeanTestAccuracy(), 1e-12, "the training models are the same");
    }

    static GeneratedModel withParameters(GeneratedModel g, AnchorSelection selection, String anchorCount) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        selection.parameters().forEach((k, v) -> p.put(k, String.valueOf(v)));
        p.put("anchorCount", anchorCount);
        return Fixtures.copyOf(g, c -> c.samplerParameters = p);
    }

    /** The snapshot is fine, Kafka is not: failing the batch gets it read again, where a dead letter would lose the models. */
    @Test
    void shouldLetKafkaTroubleFailTheBatchInsteadOfDeadLetteringIt() {
        BatchEvaluation.References troubled =
                (String snapshotId, Architecture arch, int epochWindow, AnchorSelection anchors) -> {
                    throw new IllegalStateException(
                            "cannot read snapshot " + snapshotId,
                            new KafkaUnavailableException("reading hyperrep.snapshots did not finish within 1 minute"));
                };
        List<GeneratedCheck.Valid> batch = List.of(valid(Fixtures.generated("a", "z", "z@s", Fixtures.weights(0, 2))));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> BatchEvaluation.run(
                        batch, troubled, evaluator, "evaluator-1", Instant.parse("2026-01-02T00:00:00Z")));
        assertInstanceOf(KafkaUnavailableException.class, e.getCause());
    }

    @Test
    void shouldRejectModelsThatCannotBeEvaluatedHereWithTheReason() {
        float[] w = Fixtures.weights(0, 1);
        GeneratedModel ok = Fixtures.generated("x", "z", "z@s", w);
        assertEquals(RejectReason.UNKNOWN_ARCHITECTURE, invalid(with(ok, "cnn-x", ok.layoutHash(), ok.weights())));
        float[] large = new float[Architectures.CNN_L.parameterCount()];
        assertEquals(
                RejectReason.UNKNOWN_ARCHITECTURE,
                invalid(with(ok, "cnn-l", Architectures.CNN_L.layoutHash(), Weights.of(large))),
                "cnn-l takes 3x32x32 images, not Fashion-MNIST");
        assertEquals(RejectReason.ARCH_MISMATCH, invalid(with(ok, "cnn-s", "0000000000000000", ok.weights())));
        assertEquals(
                RejectReason.WRONG_WEIGHT_COUNT,
                invalid(with(ok, "cnn-s", ok.layoutHash(), Weights.of(new float[100]))));
        float[] nan = w.clone();
        nan[7] = Float.NaN;
        assertEquals(RejectReason.NON_FINITE_WEIGHTS, invalid(with(ok, "cnn-s", ok.layoutHash(), Weights.of(nan))));
        Weights forged = new Weights(
                "float32",
                "little-endian",
                w.length,
                "0".repeat(64),
                ok.weights().base64());
        assertEquals(RejectReason.DIGEST_MISMATCH, invalid(with(ok, "cnn-s", ok.layoutHash(), forged)));
        assertEquals(RejectReason.NON_FINITE_WEIGHTS, RejectReason.of(EventFormatException.Reason.NON_FINITE_WEIGHTS));
    }

    static GeneratedModel with(GeneratedModel g, String arch, String layoutHash, Weights w) {
        return Fixtures.copyOf(g, c -> {
            c.samplerParameters = Map.of();
            c.arch = arch;
            c.layoutHash = layoutHash;
            c.weights = w;
        });
    }
}
