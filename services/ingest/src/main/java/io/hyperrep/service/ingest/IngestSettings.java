package io.hyperrep.service.ingest;

import io.hyperrep.events.Topics;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.TopicPolicy;
import io.hyperrep.service.runtime.KafkaSetup;
import io.hyperrep.service.runtime.Settings;
import java.time.Duration;

/**
 * Ingest's configuration ({@code kafka.*}, {@code ingest.*}; file or {@code HYPERREP_*}
 * environment, see {@link Settings}).
 */
record IngestSettings(KafkaClients kafka, String group, TopicPolicy topics, SnapshotPolicy snapshots, int uploadMaxBytes, int batch) {

    static IngestSettings from(Settings s) {
        return new IngestSettings(
                KafkaSetup.clients(s),
                s.string("ingest.group", "hyperrep-ingest"),
                KafkaSetup.topics(s),
                new SnapshotPolicy(s.integer("ingest.snapshot.models", 0, 0, 1_000_000),
                        s.duration("ingest.snapshot.quiet", Duration.ofSeconds(5))),
                s.integer("ingest.upload.maxbytes", Topics.MAX_RECORD_BYTES, 1024, Topics.MAX_RECORD_BYTES),
                // records per poll: each batch pays one round of acks and one commit; 2,000 measured x1.3 faster than 500
                s.integer("ingest.batch", 2000, 1, 100_000));
    }
}
