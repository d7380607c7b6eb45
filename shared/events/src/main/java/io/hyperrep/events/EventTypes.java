package io.hyperrep.events;

/** CloudEvents {@code type} values: {@code io.hyperrep.<noun>.<verb>.v<major>}. */
public final class EventTypes {

    public static final String CHECKPOINT_PUBLISHED = "io.hyperrep.checkpoint.published.v1";
    /** A checkpoint ingest accepted into the dataset topic (same data as the published one). */
    public static final String CHECKPOINT_ACCEPTED = "io.hyperrep.checkpoint.accepted.v1";

    public static final String SNAPSHOT_CREATED = "io.hyperrep.snapshot.created.v1";

    private EventTypes() {}

    /** The type without its version suffix, e.g. {@code io.hyperrep.checkpoint.published}. */
    public static String unversioned(String type) {
        int i = type == null ? -1 : type.lastIndexOf(".v");
        return i < 0 ? type : type.substring(0, i);
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
