package io.hyperrep.core.platform;

/** A requested native build this machine cannot run or this classpath does not hold; the message is one line. */
public final class NativeBuildException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public NativeBuildException(String message) {
        super(message);
    }
}
