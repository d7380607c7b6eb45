package io.hyperrep.events;

import java.util.List;

/** The topic catalogue (docs/EVENTS.md). Input topics have a {@code .dlt} dead-letter twin. */
public final class Topics {

    // Kept apart (duplicates): a catalogue of topic names, one constant each; no logic repeats.

    /** Inbox: checkpoints as published by zoo trainers, HTTP uploads or any Kafka client; key zoo/model/epoch. */
    public static final String CHECKPOINTS = "hyperrep.checkpoints";

    /**
     * The dataset: checkpoints ingest accepted (validated, deduplicated), compacted, key zoo/model/epoch.
     * A snapshot is a set of offsets into this topic.
     */
    public static final String DATASET = "hyperrep.dataset";

    /** Dataset versions: one snapshot event per (zoo, offsets); key zooId. */
    public static final String SNAPSHOTS = "hyperrep.snapshots";

    /** Training jobs planned from snapshots; key zooId (a zoo's jobs stay in order). */
    public static final String TRAINING_JOBS = "hyperrep.training.jobs";

    /** Progress of training jobs; key jobId. */
    public static final String TRAINING_PROGRESS = "hyperrep.training.progress";

    /** Autoencoder versions; key zooId, compacted (the latest version of each zoo survives). */
    public static final String AUTOENCODERS = "hyperrep.autoencoders";

    /** On-demand generation requests; key zooId. */
    public static final String GENERATION_REQUESTS = "hyperrep.generation.requests";

    /** Generated models with lineage; key sampleId. */
    public static final String GENERATED = "hyperrep.models.generated";

    /** Evaluated generated models; key sampleId, compacted. */
    public static final String EVALUATED = "hyperrep.models.evaluated";

    /** Suffix of a topic's dead-letter twin. */
    public static final String DLT_SUFFIX = ".dlt";

    /**
     * Largest record the system accepts: 2 MiB. A CNN-l checkpoint is ~58 KB of JSON, so a 20x larger
     * architecture still fits; producers, topics and consumers are all configured with this.
     */
    public static final int MAX_RECORD_BYTES = 2 * 1024 * 1024;

    /**
     * Topics' {@code max.message.bytes}: the record limit plus room for headers and batch overhead, so a
     * record slightly over {@link #MAX_RECORD_BYTES} still reaches ingest and is dead-lettered with a
     * reason instead of bouncing off the broker.
     */
    public static final int TOPIC_MAX_MESSAGE_BYTES = 2 * MAX_RECORD_BYTES;

    private Topics() {}

    public static String deadLetter(String topic) {
        return topic + DLT_SUFFIX;
    }

    /** Every topic of the catalogue, for tools that create or list them. */
    public static List<String> all() {
        return List.of(
                CHECKPOINTS,
                deadLetter(CHECKPOINTS),
                DATASET,
                SNAPSHOTS,
                deadLetter(SNAPSHOTS),
                TRAINING_JOBS,
                deadLetter(TRAINING_JOBS),
                TRAINING_PROGRESS,
                AUTOENCODERS,
                GENERATION_REQUESTS,
                deadLetter(GENERATION_REQUESTS),
                GENERATED,
                deadLetter(GENERATED),
                EVALUATED);
    }
}
