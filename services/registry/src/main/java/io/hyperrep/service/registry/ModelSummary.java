package io.hyperrep.service.registry;

/**
 * One model as a listing shows it, as of the listing's moment: {@code accuracy} and {@code novelty} are
 * null until its evaluation is in, {@code time} is when it was generated (its evaluation's time while only
 * that is known), {@code weights} says whether its generated record, and so its weights, can be fetched.
 */
record ModelSummary(
        String sampleId,
        String zooId,
        String versionId,
        String method,
        Double accuracy,
        Double novelty,
        String time,
        boolean evaluated,
        boolean weights) {}
