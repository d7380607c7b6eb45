package io.hyperrep.service.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Applies a {@link SnapshotPolicy} per zoo to the stream of accepted checkpoints. Clock passed in. */
final class SnapshotSchedule {

    /** A zoo that is due, and why ({@code models} or {@code quiet}). */
    record Due(String zooId, String trigger) {}

    private static final class Pending {
        int checkpoints;
        int newModels;
        long lastAcceptedMillis;
    }

    private final SnapshotPolicy policy;
    private final Map<String, Pending> pending = new HashMap<>();

    SnapshotSchedule(SnapshotPolicy policy) {
        this.policy = policy;
    }

    void accepted(String zooId, boolean newModel, long nowMillis) {
        Pending p = pending.computeIfAbsent(zooId, z -> new Pending());
        p.checkpoints++;
        if (newModel) {
            p.newModels++;
        }
        p.lastAcceptedMillis = nowMillis;
    }

    List<Due> due(long nowMillis) {
        List<Due> due = new ArrayList<>();
        pending.forEach((zoo, p) -> {
            if (policy.everyModels() > 0 && p.newModels >= policy.everyModels()) {
                due.add(new Due(zoo, "models"));
            } else if (p.checkpoints > 0
                    && nowMillis - p.lastAcceptedMillis >= policy.quiet().toMillis()) {
                due.add(new Due(zoo, "quiet"));
            }
        });
        return due;
    }

    void snapshotted(String zooId) {
        pending.remove(zooId);
    }

    int pendingCheckpoints(String zooId) {
        Pending p = pending.get(zooId);
        return p == null ? 0 : p.checkpoints;
    }
}
