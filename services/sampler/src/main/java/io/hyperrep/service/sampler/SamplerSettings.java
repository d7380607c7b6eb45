package io.hyperrep.service.sampler;

import io.hyperrep.core.sample.Samplers;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.TopicPolicy;
import io.hyperrep.service.runtime.ConfigException;
import io.hyperrep.service.runtime.KafkaSetup;
import io.hyperrep.service.runtime.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sampler's settings ({@code sampler.*}, {@code artifacts.dir}, {@code kafka.*}).
 *
 * @param methods sampling methods run for every new autoencoder version ({@code sampler.methods}, comma-separated)
 * @param count   models per method and version ({@code sampler.count})
 * @param seed    seed of those runs ({@code sampler.seed}); also the default seed of a request without one
 * @param window  the trainer's epoch window ({@code trainer.window}): which snapshot epochs the autoencoder trained on
 * @param http    limits of {@code POST /api/generate}
 */
record SamplerSettings(KafkaClients kafka, String group, TopicPolicy topics, Path artifacts, List<String> methods, int count, long seed,
                       int window, HttpLimits http) {

    /**
     * @param rate        requests per second per client ({@code sampler.generate.rate}; a client is a token, or an address without one)
     * @param burst       requests a client may send at once ({@code sampler.generate.burst})
     * @param pendingMax  models requested over HTTP and not generated yet, at most ({@code sampler.generate.pending.max})
     */
    record HttpLimits(double rate, int burst, int pendingMax) {
    }

    static SamplerSettings from(Settings s, Samplers known) {
        List<String> methods = new ArrayList<>();
        for (String m : s.string("sampler.methods", "kde,uniform").split(",")) {
            String name = m.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!known.methods().contains(name)) {
                throw new ConfigException("setting 'sampler.methods': unknown sampling method '" + name + "'; known: "
                        + String.join(", ", known.methods()));
            }
            if (!methods.contains(name)) {
                methods.add(name);
            }
        }
        if (methods.isEmpty()) {
            throw new ConfigException("setting 'sampler.methods' names no method; known: " + String.join(", ", known.methods()));
        }
        return new SamplerSettings(
                KafkaSetup.clients(s),
                s.string("sampler.group", "hyperrep-sampler"),
                KafkaSetup.topics(s),
                Path.of(s.string("artifacts.dir", "target/hyperrep-artifacts")),
                List.copyOf(methods),
                s.integer("sampler.count", 50, 1, 10_000),
                s.integer("sampler.seed", 42, 0, Integer.MAX_VALUE),
                s.integer("trainer.window", 5, 1, 1000),
                new HttpLimits(s.number("sampler.generate.rate", 1, 0.001, 1000), s.integer("sampler.generate.burst", 10, 1, 10_000),
                        s.integer("sampler.generate.pending.max", 20_000, 1, 10_000_000)));
    }
}
