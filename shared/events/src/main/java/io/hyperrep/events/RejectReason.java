package io.hyperrep.events;

/**
 * Why an input record was rejected: the codec's format reasons plus what only a consumer with state
 * can tell (the key, duplicates, the event type).
 */
public enum RejectReason {
    NOT_JSON,
    MISSING_FIELD,
    INVALID_FIELD,
    MISSING_HEADER,
    UNSUPPORTED_VERSION,
    UNKNOWN_EVENT_TYPE,
    UNKNOWN_ARCHITECTURE,
    WRONG_WEIGHT_COUNT,
    NON_FINITE_WEIGHTS,
    DIGEST_MISMATCH,
    OUT_OF_RANGE,
    TOO_LARGE,
    KEY_MISMATCH,
    ARCH_MISMATCH,
    DUPLICATE;

    public static RejectReason of(EventFormatException.Reason r) {
        return valueOf(r.name());
    }

    /** The HTTP status an upload rejected for this reason gets. */
    public int httpStatus() {
        return switch (this) {
            case TOO_LARGE -> 413;
            case DUPLICATE -> 409;
            case NOT_JSON -> 415;
            default -> 422;
        };
    }
}
