package io.hyperrep.service.runtime;

/** A setting is missing or invalid; the message names it and where its value came from. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
