package io.hyperrep.events;

/**
 * Headers ingest adds to every checkpoint it accepts into {@link Topics#DATASET}, so a reader (ingest
 * rebuilding its index at start, operators) learns a record's digest and architecture without decoding
 * its weights.
 */
public final class DatasetHeaders {

    /** SHA-256 (hex) of the checkpoint's weights, as {@code Checkpoint.weightsSha256()}. */
    public static final String SHA256 = "hyperrep_sha256";
    /** Architecture id, e.g. {@code cnn-s}. */
    public static final String ARCH = "hyperrep_arch";
    /** Where ingest got it: {@code <topic>/<partition>/<offset>} of the input record, or {@code http/<uuid>} for an upload. */
    public static final String SOURCE = "hyperrep_source";

    private DatasetHeaders() {}
}
