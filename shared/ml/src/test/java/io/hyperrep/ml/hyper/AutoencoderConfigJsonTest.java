package io.hyperrep.ml.hyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file format: strict fields and types, and the config's own size checks, each with a message that names the problem. */
class AutoencoderConfigJsonTest {

    static final String VALID =
            "{\"dModel\":16,\"heads\":2,\"dFf\":32,\"blocks\":1,\"latent\":16,\"dropout\":0.1,\"projectionLayers\":2,"
                    + "\"projectionHidden\":16,\"projectionOut\":8,\"gamma\":0.1,\"temperature\":0.1,\"lwln\":true,\"batchSize\":4}";

    static String error(String json) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> AutoencoderConfigJson.parse(json.getBytes(StandardCharsets.UTF_8)))
                .getMessage();
    }

    @Test
    void shouldRoundTripEveryField() {
        AutoencoderConfig cfg = AutoencoderConfig.paperScale();
        assertEquals(cfg, AutoencoderConfigJson.parse(AutoencoderConfigJson.write(cfg)));
        // Kept apart (duplicates): the expected config names every field of VALID, so that each parsed value is checked
        assertEquals(
                AutoencoderConfig.builder()
                        .transformer(16, 2, 32, 1)
                        .latent(16)
                        .dropout(0.1)
                        .projection(2, 16, 8)
                        .gamma(0.1)
                        .temperature(0.1)
                        .lwln(true)
                        .batchSize(4)
                        .build(),
                AutoencoderConfigJson.parse(VALID.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldReadFilesWrittenBeforeCentringAsRawInputAndKeepTheirBytes() {
        AutoencoderConfig raw = AutoencoderConfigJson.parse(VALID.getBytes(StandardCharsets.UTF_8));
        assertEquals(false, raw.centred());
        String written = new String(AutoencoderConfigJson.write(raw), StandardCharsets.UTF_8);
        assertTrue(!written.contains("centred"), written);
        AutoencoderConfig centred = AutoencoderConfigJson.parse(
                VALID.replace("}", ",\"centred\":true}").getBytes(StandardCharsets.UTF_8));
        assertEquals(raw.withCentred(true), centred);
        assertEquals(centred, AutoencoderConfigJson.parse(AutoencoderConfigJson.write(centred)));
        String wrongType = error(VALID.replace("}", ",\"centred\":1}"));
        assertTrue(wrongType.contains("'centred' must be true or false"), wrongType);
    }

    @Test
    void shouldNameUnknownAndMissingFields() {
        String unknown = error(VALID.replace("\"heads\":2", "\"head\":2"));
        assertTrue(unknown.contains("unknown field(s) [head]"), unknown);
        String missing = error("{\"dModel\":30,\"heads\":4}");
        assertTrue(missing.contains("missing field(s) [dFf, blocks, latent"), missing);
    }

    @Test
    void shouldNameWrongTypes() {
        assertTrue(error(VALID.replace("\"latent\":16", "\"latent\":16.5")).contains("'latent' must be an integer"));
        assertTrue(error(VALID.replace("\"lwln\":true", "\"lwln\":\"yes\"")).contains("'lwln' must be true or false"));
        assertTrue(error(VALID.replace("\"gamma\":0.1", "\"gamma\":null")).contains("'gamma' must be a number"));
        assertTrue(error("[1, 2]").contains("expected a JSON object"));
        assertTrue(error("{\"dModel\":").contains("not JSON"));
    }

    @Test
    void shouldRejectImpossibleSizes() {
        assertTrue(error(VALID.replace("\"dModel\":16", "\"dModel\":30").replace("\"heads\":2", "\"heads\":4"))
                .contains("heads (4) must divide dModel (30)"));
        assertTrue(error(VALID.replace("\"latent\":16", "\"latent\":0")).contains("latent must be positive, got 0"));
        assertTrue(error(VALID.replace("\"dFf\":32", "\"dFf\":-3")).contains("dFf must be positive, got -3"));
        assertTrue(error(VALID.replace("\"dropout\":0.1", "\"dropout\":1.0"))
                .contains("dropout must be in [0, 1), got 1.0"));
        assertTrue(error(VALID.replace("\"blocks\":1", "\"blocks\":-1")).contains("blocks must be >= 0"));
        assertTrue(error(VALID.replace("\"batchSize\":4", "\"batchSize\":1")).contains("needs batchSize >= 2"));
        assertTrue(error(VALID.replace("\"temperature\":0.1", "\"temperature\":0"))
                .contains("temperature must be a positive number"));
    }

    @Test
    void shouldNameTheFile(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("ae.json");
        Files.writeString(f, VALID.replace("\"heads\":2", "\"heads\":3"));
        String msg = assertThrows(IllegalArgumentException.class, () -> AutoencoderConfigJson.read(f))
                .getMessage();
        assertTrue(msg.startsWith(f + " is not a valid autoencoder config: heads (3) must divide dModel (16)"), msg);
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> AutoencoderConfigJson.read(tmp.resolve("none.json")))
                        .getMessage()
                        .contains("does not exist"));
    }
}
