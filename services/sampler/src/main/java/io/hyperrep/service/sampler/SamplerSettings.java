package io.hyperrep.service.sampler;

import io.hyperrep.core.sample.Samplers;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.TopicPolicy;
import io.hyperrep.service.runtime.ConfigException;
import io.hyperrep.service.runtime.KafkaSetup;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.service.settings.CommonKeys;
import io.hyperrep.service.settings.SamplerKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sampler's settings ({@code sampler.*}, {@code artifacts.dir}, {@code kafka.*}).
 *
 * @param methods sampling methods run for every new autoencoder version ({@code sampler.methods}, comma-separated)
 * @param count   models per method and version ({@code sampler.count})
 * @param seed    seed of those runs ({@code sampler.seed}); also the default seed of a request without one
 * @param http    limits of {@code POST /api/generate}
 */
record SamplerSettings(
        KafkaClients kafka,
        String group,
        TopicPolicy topics,
        Path artifacts,
        List<String> methods,
        int count,
        long seed,
        HttpLimits http) {

    /**
     * @param rate        requests per second per client ({@code sampler.generate.rate}; a client is a token, or an address without one)
     * @param burst       requests a client may send at once ({@code sampler.generate.burst})
     * @param pendingMax  models requested over HTTP and not generated yet, at most ({@code sampler.generate.pending.max})
     */
    record HttpLimits(double rate, int burst, int pendingMax) {}

    static SamplerSettings from(Settings s, Samplers known) {
        List<String> methods = new ArrayList<>();
        for (String name : s.get(SamplerKeys.METHODS)) {
            if (!known.methods().contains(name)) {
                throw new ConfigException("setting 'sampler.methods': unknown sampling method '" + name + "'; known: "
                        + String.join(", ", known.methods()));
            }
            if (!methods.contains(name)) {
                methods.add(name);
            }
        }
        return new SamplerSettings(
                KafkaSetup.clients(s),
                s.get(SamplerKeys.GROUP),
                KafkaSetup.topics(s),
                s.get(CommonKeys.ARTIFACTS_DIR),
                List.copyOf(methods),
                s.get(SamplerKeys.COUNT),
                s.get(SamplerKeys.SEED),
                new HttpLimits(
                        s.get(SamplerKeys.GENERATE_RATE),
                        s.get(SamplerKeys.GENERATE_BURST),
                        s.get(SamplerKeys.GENERATE_PENDING_MAX)));
    }
}
