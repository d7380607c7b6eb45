package io.hyperrep.zoo;

/** A zoo directory or zoo job problem the user can fix; the message says what and how. */
public final class ZooException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ZooException(String message) {
        super(message);
    }
}
