package io.hyperrep.ml.hyper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AutoencoderConfigBuilderTest {

    @Test
    void shouldBuildTheConfigTheConstructorBuildsFromTheSameValues() {
        AutoencoderConfig positional = new AutoencoderConfig(8, 2, 16, 1, 8, 0.0, 2, 8, 4, 0.2, 0.3, false, 4, true);
        // Kept apart (duplicates): the builder's own test sets every field by name
        AutoencoderConfig named = AutoencoderConfig.builder()
                .transformer(8, 2, 16, 1)
                .latent(8)
                .dropout(0.0)
                .projection(2, 8, 4)
                .gamma(0.2)
                .temperature(0.3)
                .lwln(false)
                .batchSize(4)
                .centred(true)
                .build();
        assertEquals(positional, named);
        assertArrayEquals(
                AutoencoderConfigJson.write(positional),
                AutoencoderConfigJson.write(named),
                "the same JSON, so the same hash");
    }

    @Test
    void shouldKeepEveryPresetThroughItsBuilder() {
        AutoencoderConfig.presets()
                .forEach((name, preset) ->
                        assertEquals(preset, preset.toBuilder().build(), name));
        assertEquals(
                AutoencoderConfig.cpuDefault(), AutoencoderConfig.builder().build(), "starts from the CPU default");
    }

    @Test
    void shouldChangeOnlyWhatIsSet() {
        AutoencoderConfig wider =
                AutoencoderConfig.demoSize().toBuilder().latent(64).build();
        assertEquals(64, wider.latent());
        assertEquals(
                AutoencoderConfig.demoSize(),
                wider.toBuilder().latent(AutoencoderConfig.demoSize().latent()).build());
        assertEquals(
                AutoencoderConfig.demoSize().withCentred(true),
                AutoencoderConfig.demoSize().toBuilder().centred(true).build());
    }

    @Test
    void shouldValidateAsTheConstructorDoes() {
        assertThrows(
                IllegalArgumentException.class,
                () -> AutoencoderConfig.builder().transformer(10, 4, 16, 1).build(),
                "heads must divide dModel");
        assertThrows(
                IllegalArgumentException.class,
                () -> AutoencoderConfig.builder().dropout(1.0).build());
    }
}
