package io.hyperrep.ml.hyper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.ml.nd.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved representation loads back identically, and decoding a latent equals reconstructing its checkpoint. */
class HyperRepresentationTest {

    static final AutoencoderConfig CFG =
            TinyConfigs.oneBlock(8, 16, 6).projection(1, 8, 4).batchSize(4).build();

    @BeforeAll
    static void init() {
        Backend.init();
    }

    static HyperRepresentation randomRepresentation() {
        List<Checkpoint> zoo = AutoencoderTrainerTest.syntheticZoo(4);
        return new HyperRepresentation(CFG, NormalizationStats.fit(Architectures.CNN_S, zoo));
    }

    static float[][] checkpoints() {
        return AutoencoderTrainerTest.weights(AutoencoderTrainerTest.syntheticZoo(3));
    }

    @Test
    void shouldDecodeALatentAsTheReconstructionOfItsCheckpoint() {
        HyperRepresentation rep = randomRepresentation();
        float[][] x = checkpoints();
        float[][] z = rep.encode(x);
        assertEquals(6, z[0].length);
        float[][] decoded = rep.decode(z);
        float[][] recon = rep.reconstruct(x);
        assertEquals(x.length, decoded.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Architectures.CNN_S.parameterCount(), decoded[i].length);
            assertArrayEquals(recon[i], decoded[i], 1e-5f);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rep.decode(new float[][] {new float[5]}))
                .getMessage()
                .contains("latent size is 6"));
    }

    @Test
    void shouldLoadWhatWasSaved(@TempDir Path tmp) throws Exception {
        HyperRepresentation rep = randomRepresentation();
        rep.save(tmp);
        HyperRepresentation back = HyperRepresentation.load(tmp);
        assertEquals(CFG, back.config());
        assertArrayEquals(
                rep.statistics().scales().sigma(), back.statistics().scales().sigma(), 1e-12);
        float[][] x = checkpoints();
        float[][] a = rep.encode(x);
        float[][] b = back.encode(x);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0f);
        }

        // the weights and the config must agree
        HyperFiles.writeConfig(tmp, CFG.toBuilder().latent(7).build());
        String msg = assertThrows(AutoencoderFileException.class, () -> HyperRepresentation.load(tmp))
                .getMessage();
        assertTrue(msg.contains("another configuration or architecture"), msg);

        // a centred autoencoder keeps its deviation scales, and decodes through them after loading
        Path centredDir = tmp.resolve("centred");
        HyperRepresentation centred = new HyperRepresentation(
                CFG.withCentred(true),
                NormalizationStats.fit(Architectures.CNN_S, AutoencoderTrainerTest.syntheticZoo(4), true, true));
        centred.save(centredDir);
        HyperRepresentation centredBack = HyperRepresentation.load(centredDir);
        assertArrayEquals(
                centred.statistics().inputScales().sigma(),
                centredBack.statistics().inputScales().sigma(),
                1e-12);
        float[][] ra = centred.reconstruct(x);
        float[][] rb = centredBack.reconstruct(x);
        for (int i = 0; i < ra.length; i++) {
            assertArrayEquals(ra[i], rb[i], 0f);
        }
        // statistics of the other kind than the config are refused
        HyperFiles.writeNormalization(centredDir, rep.statistics());
        msg = assertThrows(AutoencoderFileException.class, () -> HyperRepresentation.load(centredDir))
                .getMessage();
        assertTrue(msg.contains("config says centred input"), msg);

        Files.delete(tmp.resolve(HyperFiles.NORMALIZATION));
        msg = assertThrows(AutoencoderFileException.class, () -> HyperRepresentation.load(tmp))
                .getMessage();
        assertTrue(msg.contains("is not an autoencoder directory (no normalization.json)"), msg);
    }
}
