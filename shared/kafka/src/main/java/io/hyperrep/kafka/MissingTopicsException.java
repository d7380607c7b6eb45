package io.hyperrep.kafka;

import java.util.List;

/**
 * Topics are operator-managed ({@code kafka.topics.create=false}) and some of the catalogue is missing:
 * a start-up error naming every missing topic, never retried (it will not fix itself).
 */
public final class MissingTopicsException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final List<String> missing;

    public MissingTopicsException(String bootstrap, List<String> missing) {
        super("kafka.topics.create is false and " + missing.size() + " topic(s) hyperrep needs are missing at "
                + bootstrap + ": " + String.join(", ", missing)
                + "; create them (docs/OPERATIONS.md, Topics) or set kafka.topics.create=true");
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
