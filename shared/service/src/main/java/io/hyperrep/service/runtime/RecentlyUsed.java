package io.hyperrep.service.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/** A cache of the few entries used last: what a service rebuilds from Kafka at a cost and needs in bursts. */
public final class RecentlyUsed {

    private RecentlyUsed() {}

    /** A map that keeps at most {@code capacity} entries, dropping the one read or written longest ago. */
    public static <K, V> Map<K, V> map(int capacity) {
        return new LinkedHashMap<>(8, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
