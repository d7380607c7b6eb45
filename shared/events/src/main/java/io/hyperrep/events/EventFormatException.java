package io.hyperrep.events;

/** An event that cannot be decoded or violates its contract; {@link #reason()} classifies why. */
public final class EventFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an event was rejected; the value goes into the dead-letter record's headers. */
    public enum Reason {
        NOT_JSON,
        MISSING_FIELD,
        INVALID_FIELD,
        MISSING_HEADER,
        UNSUPPORTED_VERSION,
        UNKNOWN_ARCHITECTURE,
        WRONG_WEIGHT_COUNT,
        NON_FINITE_WEIGHTS,
        DIGEST_MISMATCH,
        OUT_OF_RANGE,
        TOO_LARGE
    }

    private final Reason reason;

    public EventFormatException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
