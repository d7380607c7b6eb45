package io.hyperrep.kafka;

/**
 * A Kafka client or topic setting is invalid (a reserved client key, a secret reference that cannot be
 * read, a replication below min.insync.replicas). The message names the setting, never a secret's value.
 */
public final class KafkaConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public KafkaConfigException(String message) {
        super(message);
    }
}
