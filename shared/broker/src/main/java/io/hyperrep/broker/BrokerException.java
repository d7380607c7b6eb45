package io.hyperrep.broker;

/** The local broker could not be started or stopped; the message says why and where the log is. */
public final class BrokerException extends RuntimeException {
    // Kept apart (duplicates): each module's own unchecked exception, same two constructors; a base class adds nothing.
    private static final long serialVersionUID = 1L;

    public BrokerException(String message) {
        super(message);
    }

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
