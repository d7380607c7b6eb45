package io.hyperrep.zoo.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.sample.AnchorSelection;
import io.hyperrep.core.sample.Samplers;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Generation with a stand-in autoencoder (no ND4J): ids, lineage, determinism, anchors, non-finite decodings. */
class GenerationTest {

    static final Architecture ARCH = Architectures.CNN_S;
    static final AutoencoderVersion VERSION = new AutoencoderVersion(
            "ae-1",
            "zoo",
            "job-1",
            "zoo@snap",
            null,
            "file:/x",
            "a".repeat(64),
            "cnn-s",
            3,
            0.1,
            0.9,
            "2026-01-01T00:00:00Z",
            null);
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** Latent = the first 4 weights; decoding spreads a latent over all weights, and gives NaN when {@code nanAbove} is exceeded. */
    record LinearAutoencoder(float nanAbove, List<float[]> encoded) implements Generation.Autoencoder {
        @Override
        public Architecture architecture() {
            return ARCH;
        }

        @Override
        public float[][] encode(float[][] canonical) {
            float[][] z = new float[canonical.length][];
            for (int i = 0; i < z.length; i++) {
                z[i] = java.util.Arrays.copyOf(canonical[i], 4);
                encoded.add(z[i]);
            }
            return z;
        }

        @Override
        public float[][] decode(float[][] latents) {
            float[][] w = new float[latents.length][ARCH.parameterCount()];
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[i].length; j++) {
                    w[i][j] = latents[i][0] > nanAbove ? Float.NaN : latents[i][j % 4] * 0.5f;
                }
            }
            return w;
        }
    }

    /** 10 models x 2 epochs; model m's validation accuracy is 0.5 + m/100, so the top 30% are models 7..9. */
    static List<Checkpoint> training() {
        List<Checkpoint> out = new ArrayList<>();
        for (int m = 0; m < 10; m++) {
            for (int e = 1; e <= 2; e++) {
                Random r = new Random(m * 10L + e);
                float[] w = new float[ARCH.parameterCount()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) r.nextGaussian() * 0.1f;
                }
                w[0] = m; // identifies the model in the latent
                out.add(new Checkpoint(
                        "zoo",
                        "m" + m,
                        m,
                        e,
                        "cnn-s",
                        ARCH.layoutHash(),
                        new CheckpointMetrics(0.5, 0.5, 0.5 + m / 100.0, 0.5),
                        w));
            }
        }
        return out;
    }

    static Generation generation(float nanAbove, List<float[]> encoded) {
        return Generation.prepare(
                VERSION,
                new LinearAutoencoder(nanAbove, encoded),
                training(),
                5,
                AnchorSelection.defaults(),
                Samplers.builtIn());
    }

    @Test
    void shouldGiveEachSampleItsLineageAndADeterministicId() {
        Generation g = generation(Float.MAX_VALUE, new ArrayList<>());
        Generation.Output out = g.generate("kde", 5, 42, NOW);
        assertEquals(0, out.nonFinite());
        assertEquals(5, out.models().size());
        for (int i = 0; i < 5; i++) {
            GeneratedModel m = out.models().get(i);
            assertEquals("ae-1/kde/s42/n5/" + i, m.sampleId());
            assertEquals(Generation.sampleId("ae-1", "kde", 42, 5, i), m.sampleId());
            assertEquals(i, m.index());
            assertEquals("zoo", m.zooId());
            assertEquals("ae-1", m.versionId());
            assertEquals("zoo@snap", m.snapshotId());
            assertEquals("kde", m.method());
            assertEquals(42, m.seed());
            assertEquals("cnn-s", m.arch());
            assertEquals(ARCH.layoutHash(), m.layoutHash());
            assertEquals(ARCH.parameterCount(), m.weights().values().length);
            assertEquals(NOW.toString(), m.time());
            assertEquals(
                    "6",
                    m.samplerParameters().get("anchorCount"),
                    "checkpoints at or above the 70% quantile: models 7..9, 2 epochs each");
            assertEquals("validation", m.samplerParameters().get("anchorMetric"));
            assertEquals("20", m.samplerParameters().get("trainingCheckpoints"));
            assertTrue(
                    m.samplerParameters().containsKey("bandwidths"), "the sampler's own parameters are in the lineage");
            assertEquals(
                    VERSION.sha256(),
                    m.autoencoderSha256(),
                    "the artifact, in case the version's record is compacted away");
            assertEquals(VERSION.jobId(), m.jobId());
            assertEquals(5, m.epochWindow(), "the window the anchors' training checkpoints were rebuilt with");
        }
        assertEquals(
                Generation.sampleIds("ae-1", "kde", 42, 5),
                out.models().stream().map(GeneratedModel::sampleId).toList());

        Generation.Output again = generation(Float.MAX_VALUE, new ArrayList<>()).generate("kde", 5, 42, NOW);
        for (int i = 0; i < 5; i++) {
            assertEquals(out.models().get(i).sampleId(), again.models().get(i).sampleId());
            assertArrayEquals(
                    out.models().get(i).weights().values(),
                    again.models().get(i).weights().values(),
                    "same run, same model");
        }
        Generation.Output other = g.generate("kde", 5, 43, NOW);
        assertTrue(
                other.models()
                                .get(0)
                                .weights()
                                .sha256()
                                .compareTo(out.models().get(0).weights().sha256())
                        != 0,
                "another seed, other models");
    }

    @Test
    void shouldDrawKdeSamplesAroundTheAnchorsOnly() {
        Generation g = generation(Float.MAX_VALUE, new ArrayList<>());
        assertEquals(6, g.anchorCount());
        double sum = 0;
        for (GeneratedModel m : g.generate("kde", 50, 1, NOW).models()) {
            float model = m.weights().values()[0] / 0.5f; // latent 0 is the anchor's model number plus kernel noise
            assertTrue(model > 4, "samples stay near anchors of models 7..9 (Silverman bandwidth ~0.56), got " + model);
            sum += model;
        }
        assertEquals(8, sum / 50, 0.5, "centred on the anchors 7..9, not on all models 0..9");
    }

    @Test
    void shouldDropAndCountSamplesThatDecodeToNonFiniteWeights() {
        Generation g = generation(0f, new ArrayList<>());
        Generation.Output out = g.generate("uniform", 40, 3, NOW);
        assertTrue(
                out.nonFinite() > 0 && out.nonFinite() < 40,
                "about half of U(-1,1) latents have z0 > 0: " + out.nonFinite());
        assertEquals(40, out.nonFinite() + out.models().size());
        for (GeneratedModel m : out.models()) {
            for (float w : m.weights().values()) {
                assertTrue(Float.isFinite(w));
            }
        }
        assertTrue(
                out.models().stream()
                        .allMatch(m -> m.sampleId().equals(Generation.sampleId("ae-1", "uniform", 3, 40, m.index()))),
                "a dropped sample leaves a gap; the others keep their ids");
    }

    @Test
    void shouldRefuseUnknownMethodsAndMismatchedInputs() {
        Generation g = generation(Float.MAX_VALUE, new ArrayList<>());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.generate("gan9", 3, 1, NOW));
        assertTrue(e.getMessage().contains("kde") && e.getMessage().contains("uniform"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.generate("kde", 0, 1, NOW));
        AutoencoderVersion cnnL = new AutoencoderVersion(
                "ae-2", "zoo", "job", "s", null, "file:/x", "a".repeat(64), "cnn-l", 1, 0, 0, "t", null);
        assertThrows(
                IllegalArgumentException.class,
                () -> Generation.prepare(
                        cnnL,
                        new LinearAutoencoder(1, new ArrayList<>()),
                        training(),
                        5,
                        AnchorSelection.defaults(),
                        Samplers.builtIn()));
        assertThrows(
                IllegalArgumentException.class,
                () -> Generation.prepare(
                        VERSION,
                        new LinearAutoencoder(1, new ArrayList<>()),
                        List.of(),
                        5,
                        AnchorSelection.defaults(),
                        Samplers.builtIn()));
    }
}
