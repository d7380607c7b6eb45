package io.hyperrep.service.sampler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The models asked for through this sampler's {@code POST /api/generate} and not generated yet, capped at
 * {@code max}: a request is admitted while the models pending plus its own stay within the cap, or when
 * nothing is pending (so one request larger than the cap still runs, alone). A request is pending from its
 * admission until the sampler group has committed past its record ({@link #settle}), which happens only
 * after all its models are published, whichever member served it. No Vert.x, no Kafka. Thread-safe.
 */
final class PendingGenerations {

    /** One admitted request: its models, and once published, where its record is. */
    final class Reservation {
        private final int models;
        private int partition = -1;
        private long offset = -1;

        private Reservation(int models) {
            this.models = models;
        }

        /** Its record was published at {@code partition}/{@code offset} of the requests topic. */
        void placed(int partition, long offset) {
            synchronized (PendingGenerations.this) {
                this.partition = partition;
                this.offset = offset;
            }
        }

        /** Its record could not be published: nothing will be generated. */
        void cancel() {
            synchronized (PendingGenerations.this) {
                open.remove(this);
            }
        }
    }

    private final int max;
    private final List<Reservation> open = new ArrayList<>();

    PendingGenerations(int max) {
        this.max = max;
    }

    /** A reservation of {@code models}, or null when admitting them would exceed the cap. */
    synchronized Reservation reserve(int models) {
        int pending = pending();
        if (pending > 0 && pending + models > max) {
            return null;
        }
        Reservation r = new Reservation(models);
        open.add(r);
        return r;
    }

    /** Drops the requests whose record lies before the group's committed offset of its partition. */
    synchronized void settle(Map<Integer, Long> committed) {
        open.removeIf(r -> r.partition >= 0 && committed.getOrDefault(r.partition, 0L) > r.offset);
    }

    /** Partitions holding a published request that is still pending. */
    synchronized Set<Integer> partitions() {
        Set<Integer> p = new TreeSet<>();
        open.stream().filter(r -> r.partition >= 0).forEach(r -> p.add(r.partition));
        return p;
    }

    synchronized int pending() {
        return open.stream().mapToInt(r -> r.models).sum();
    }
}
