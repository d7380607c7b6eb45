package io.hyperrep.ml.hyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architectures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shipped configs by name, files by path, and a message that lists the names when neither fits. */
class AutoencoderConfigPresetsTest {

    @Test
    void shouldResolveEveryShippedNameAndAFile(@TempDir Path tmp) throws Exception {
        assertEquals(AutoencoderConfig.cpuDefault(), AutoencoderConfigJson.resolve("cpu"));
        assertEquals(AutoencoderConfig.paperScale(), AutoencoderConfigJson.resolve("paper"));
        assertEquals(AutoencoderConfig.demoSize(), AutoencoderConfigJson.resolve("demo"));
        AutoencoderConfig wide = AutoencoderConfigJson.resolve("cnn-s-wide");
        assertEquals(Architectures.CNN_S.parameterCount(), wide.latent(), "a latent as long as the weight vector");
        assertTrue(wide.dModel() >= 201, "d_model at least CNN-s's widest token (conv2: 8*5*5 + 1)");
        Path file = tmp.resolve("ae.json");
        Files.write(file, AutoencoderConfigJson.write(wide.withDropout(0)));
        assertEquals(wide.withDropout(0), AutoencoderConfigJson.resolve(file.toString()));
    }

    @Test
    void shouldNameTheShippedConfigsWhenNeitherANameNorAFile() {
        var e = assertThrows(IllegalArgumentException.class, () -> AutoencoderConfigJson.resolve("cnn-s-wdie"));
        assertTrue(
                e.getMessage().contains("cnn-s-wdie does not exist")
                        && e.getMessage().contains("cpu, cnn-s-wide, paper, demo"),
                e.getMessage());
    }
}
