package io.hyperrep.service.ingest;

import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.TopicPolicy;
import io.hyperrep.service.runtime.KafkaSetup;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.service.settings.IngestKeys;

/**
 * Ingest's configuration ({@code kafka.*}, {@code ingest.*}; file or {@code HYPERREP_*}
 * environment, see {@link Settings}), declared in {@link IngestKeys}.
 */
record IngestSettings(
        KafkaClients kafka, String group, TopicPolicy topics, SnapshotPolicy snapshots, int uploadMaxBytes, int batch) {

    static IngestSettings from(Settings s) {
        return new IngestSettings(
                KafkaSetup.clients(s),
                s.get(IngestKeys.GROUP),
                KafkaSetup.topics(s),
                new SnapshotPolicy(s.get(IngestKeys.SNAPSHOT_MODELS), s.get(IngestKeys.SNAPSHOT_QUIET)),
                s.get(IngestKeys.UPLOAD_MAXBYTES),
                s.get(IngestKeys.BATCH));
    }
}
