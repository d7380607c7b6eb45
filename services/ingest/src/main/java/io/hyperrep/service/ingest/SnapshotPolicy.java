package io.hyperrep.service.ingest;

import java.time.Duration;

/**
 * When ingest cuts a new dataset version of a zoo: as soon as {@code everyModels} new models arrived
 * since the last snapshot (0 = never by count), or once the zoo was quiet for {@code quiet} with
 * new checkpoints pending.
 */
record SnapshotPolicy(int everyModels, Duration quiet) {

    SnapshotPolicy {
        if (everyModels < 0) {
            throw new IllegalArgumentException("ingest.snapshot.models must be >= 0, got " + everyModels);
        }
        if (quiet == null || quiet.isNegative() || quiet.isZero()) {
            throw new IllegalArgumentException("ingest.snapshot.quiet must be positive, got " + quiet);
        }
    }
}
