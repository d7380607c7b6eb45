package io.hyperrep.events;

/** The topic catalogue (docs/EVENTS.md). Each topic has a {@code .dlt} dead-letter twin. */
public final class Topics {

    /** Zoo checkpoints as published by zoo trainers or any Kafka client; compacted, key zoo/model/epoch. */
    public static final String CHECKPOINTS = "hyperrep.checkpoints";

    /** Suffix of a topic's dead-letter twin. */
    public static final String DLT_SUFFIX = ".dlt";

    /**
     * Largest record the system accepts: 2 MiB. A CNN-l checkpoint is ~58 KB of JSON, so a 20x larger
     * architecture still fits; producers, topics and consumers are all configured with this.
     */
    public static final int MAX_RECORD_BYTES = 2 * 1024 * 1024;

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DLT_SUFFIX;
    }
}
