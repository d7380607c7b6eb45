package io.hyperrep.events;

/** CloudEvents {@code type} values: {@code io.hyperrep.<noun>.<verb>.v<major>}. */
public final class EventTypes {

    public static final String CHECKPOINT_PUBLISHED = "io.hyperrep.checkpoint.published.v1";

    private EventTypes() {
    }

    /** The major version of a type such as {@code io.hyperrep.checkpoint.published.v1}, or -1. */
    public static int majorVersion(String type) {
        if (type == null) {
            return -1;
        }
        int i = type.lastIndexOf(".v");
        if (i < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(type.substring(i + 2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
