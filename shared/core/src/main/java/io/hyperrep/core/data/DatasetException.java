package io.hyperrep.core.data;

/** A dataset could not be found or read; the message says what is wrong and how to fix it. */
public final class DatasetException extends RuntimeException {
    // Kept apart (duplicates): each module's own unchecked exception, same two constructors; a base class adds nothing.
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
