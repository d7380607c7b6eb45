package io.hyperrep.launcher;

import io.hyperrep.zoo.testing.TinyAutoencoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Settings for every service in one process, as the end-to-end tests serve them; each test adds its sizes. */
final class TinyPipeline {

    private TinyPipeline() {}

    /**
     * The broker, any free HTTP port, an artifact store and the tiny autoencoder's config below
     * {@code tmp}, and consumer groups of the run's own (named after {@code run}): a fresh group reads
     * its topics from the start, other tests' records included.
     */
    static Map<String, Object> settings(String bootstrap, Path tmp, String run) throws IOException {
        Map<String, Object> s = new HashMap<>();
        s.put("kafka.bootstrap", bootstrap);
        s.put("http.port", 0);
        s.put("artifacts.dir", tmp.resolve("artifacts").toString());
        s.put("trainer.config", TinyAutoencoder.writeConfig(tmp).toString());
        for (String k : List.of("ingest.group", "trainer.group", "sampler.group", "evaluator.group")) {
            s.put(k, k.replace('.', '-') + "-" + run);
        }
        return s;
    }
}
