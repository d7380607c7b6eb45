package io.hyperrep.ml.hyper;

/**
 * A saved autoencoder, its config or a training state that cannot be used (missing, corrupt, or
 * written for another architecture or configuration); the message says which file and why.
 */
public final class AutoencoderFileException extends RuntimeException {
    // Kept apart (duplicates): each module's own unchecked exception, same two constructors; a base class adds nothing.
    private static final long serialVersionUID = 1L;

    public AutoencoderFileException(String message) {
        super(message);
    }

    public AutoencoderFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
