package io.hyperrep.events;

/**
 * Headers a dead-lettered record carries besides its original headers, key and value (unchanged), so
 * an operator can see why it was rejected and where it came from, and replay it once fixed.
 */
public final class DeadLetterHeaders {

    // Kept apart (duplicates): a catalogue of header names, one constant each, like Topics; no logic repeats.

    /** Machine-readable reason, e.g. {@code WRONG_WEIGHT_COUNT} ({@link RejectReason}). */
    public static final String REASON = "hyperrep_dlt_reason";
    /** Human-readable message naming the offending field. */
    public static final String MESSAGE = "hyperrep_dlt_message";
    /** Class of the error that rejected the record. */
    public static final String ERROR_CLASS = "hyperrep_dlt_error_class";

    public static final String SOURCE_TOPIC = "hyperrep_dlt_source_topic";
    public static final String SOURCE_PARTITION = "hyperrep_dlt_source_partition";
    public static final String SOURCE_OFFSET = "hyperrep_dlt_source_offset";
    /** The service instance that rejected it. */
    public static final String REJECTED_BY = "hyperrep_dlt_rejected_by";

    private DeadLetterHeaders() {}
}
