package io.hyperrep.service.registry;

/** A listing parameter (or cursor) that cannot be used; the message names it and says what is allowed. */
final class InvalidQuery extends IllegalArgumentException {

    private final String parameter;

    InvalidQuery(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
