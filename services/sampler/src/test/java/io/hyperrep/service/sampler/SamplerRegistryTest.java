package io.hyperrep.service.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.sample.Samplers;
import io.hyperrep.events.PipelineEvents.GenerationRequest;
import io.hyperrep.service.runtime.ConfigException;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.zoo.generate.SamplerRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code gan} is a method name wherever the service takes one; nothing here trains a GAN. */
class SamplerRegistryTest {

    private static final Settings BASE = Settings.empty().with("kafka.bootstrap", "localhost:9092");

    @Test
    void shouldOfferGanBesideTheBuiltInMethods() {
        Samplers all = SamplerRegistry.all();
        assertTrue(
                all.methods().containsAll(Samplers.builtIn().methods()),
                all.methods().toString());
        assertTrue(all.methods().contains("gan"), all.methods().toString());
    }

    @Test
    void shouldAcceptGanInTheServiceSettings() {
        SamplerSettings s = SamplerSettings.from(BASE.with("sampler.methods", "kde, gan"), SamplerRegistry.all());
        assertEquals(List.of("kde", "gan"), s.methods());
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> SamplerSettings.from(BASE.with("sampler.methods", "gan9"), SamplerRegistry.all()));
        assertTrue(e.getMessage().contains("gan9") && e.getMessage().contains("gan"), e.getMessage());
    }

    @Test
    void shouldAcceptGanInAGenerationRequest() {
        byte[] body = "{\"zooId\":\"z\",\"method\":\"gan\",\"count\":2,\"seed\":5}".getBytes(StandardCharsets.UTF_8);
        GenerationRequest r =
                GenerationRequests.fromJson(body, "req-1", 42, GenerationRequestsTest.NOW, SamplerRegistry.all());
        assertEquals("gan", r.method());
    }
}
