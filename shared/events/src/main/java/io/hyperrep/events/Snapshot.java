package io.hyperrep.events;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A reproducible dataset version: the checkpoints of one zoo in the dataset topic up to (exclusive)
 * the given end offsets. Reading each partition from 0 to its end offset and keeping the last record
 * per key rebuilds exactly the data a model was trained on, on any machine.
 *
 * @param id             {@code <zooId>@<hash of the offsets>}: equal snapshots have equal ids
 * @param topic          the dataset topic the offsets refer to
 * @param endOffsets     partition to exclusive end offset
 * @param checkpoints    checkpoints of this zoo in the snapshot
 * @param models         distinct models of this zoo in the snapshot
 * @param perEpoch       epoch to checkpoint count
 * @param trigger        what made ingest cut it ({@code models}, {@code quiet}, {@code request})
 */
public record Snapshot(
        String id,
        String zooId,
        String arch,
        String topic,
        SortedMap<Integer, Long> endOffsets,
        int checkpoints,
        int models,
        SortedMap<Integer, Integer> perEpoch,
        String trigger,
        Instant time) {

    public Snapshot {
        endOffsets = new TreeMap<>(endOffsets);
        perEpoch = new TreeMap<>(perEpoch);
        if (checkpoints < 0 || models < 0 || models > checkpoints) {
            throw new IllegalArgumentException(
                    "snapshot counts are inconsistent: " + checkpoints + " checkpoints, " + models + " models");
        }
    }

    /** The id of a snapshot of {@code zooId} at these offsets: stable across services and restarts. */
    public static String idOf(String zooId, Map<Integer, Long> endOffsets) {
        StringBuilder s = new StringBuilder(zooId);
        new TreeMap<>(endOffsets)
                .forEach((p, o) -> s.append('|').append(p).append(':').append(o));
        return zooId + "@"
                + io.hyperrep.core.zoo.Checkpoint.sha256(s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .substring(0, 16);
    }
}
