package io.hyperrep.service.ingest;

import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.RejectReason;

/** What ingest does with one input record. */
sealed interface IngestDecision {

    /** Valid and new (or a new version of its key): goes to the dataset topic. */
    record Accept(Checkpoint checkpoint, String digest, boolean newModel) implements IngestDecision {}

    /** Exactly this checkpoint is already in the dataset (a redelivery or a re-publish): nothing to do. */
    record Unchanged(String key) implements IngestDecision {}

    /** Goes to the dead-letter topic with the reason. */
    record Reject(RejectReason reason, String message, String errorClass) implements IngestDecision {}
}
