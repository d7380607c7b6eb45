package io.hyperrep.kafka;

/** Kafka could not be reached or refused an operation; the message names the address and a fix. */
public final class KafkaUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KafkaUnavailableException(String message) {
        super(message);
    }
}
