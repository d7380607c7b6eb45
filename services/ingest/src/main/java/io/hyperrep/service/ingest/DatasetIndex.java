package io.hyperrep.service.ingest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the dataset topic holds, as ingest needs it to decide: which key has which weight digest,
 * which digest belongs to which key, and per zoo its architecture, models and epochs. Rebuilt from
 * the dataset topic at start (keys and headers only), then kept current by ingest itself. A key is
 * <em>reserved</em> while its record is being written, so two inputs racing with the same weights
 * cannot both get in.
 */
final class DatasetIndex {

    /** Per-zoo counts that go into a snapshot. */
    record ZooCounts(String arch, int checkpoints, int models, SortedMap<Integer, Integer> perEpoch) {
    }

    private record Entry(String digest, String arch, boolean confirmed) {
    }

    private final Map<String, Entry> byKey = new HashMap<>();
    private final Map<String, String> keyByDigest = new HashMap<>();

    Optional<String> digestOf(String key) {
        return Optional.ofNullable(byKey.get(key)).map(Entry::digest);
    }

    /** The key already holding these weights, if any. */
    Optional<String> keyOf(String digest) {
        return Optional.ofNullable(keyByDigest.get(digest));
    }

    /** The architecture of a zoo, fixed by its first checkpoint. */
    Optional<String> archOf(String zooId) {
        String prefix = zooId + "/";
        return byKey.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(e -> e.getValue().arch()).findFirst();
    }

    boolean hasModel(String zooId, String modelId) {
        String prefix = zooId + "/" + modelId + "/";
        return byKey.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    /** Holds the key for a record being written; {@link #confirm} or {@link #release} follows. */
    void reserve(String key, String digest, String arch) {
        Entry old = byKey.put(key, new Entry(digest, arch, false));
        if (old != null) {
            keyByDigest.remove(old.digest(), key);
        }
        keyByDigest.put(digest, key);
    }

    void confirm(String key) {
        byKey.computeIfPresent(key, (k, e) -> new Entry(e.digest(), e.arch(), true));
    }

    /** The write failed: forget the reservation (the record will be seen again and decided again). */
    void release(String key) {
        Entry e = byKey.get(key);
        if (e != null && !e.confirmed()) {
            byKey.remove(key);
            keyByDigest.remove(e.digest(), key);
        }
    }

    /** Records a key found in the dataset topic (rebuild at start). Later records of a key win. */
    void load(String key, String digest, String arch) {
        reserve(key, digest, arch);
        confirm(key);
    }

    boolean writing() {
        return byKey.values().stream().anyMatch(e -> !e.confirmed());
    }

    ZooCounts counts(String zooId) {
        String prefix = zooId + "/";
        Set<String> models = new HashSet<>();
        TreeMap<Integer, Integer> perEpoch = new TreeMap<>();
        String arch = null;
        int n = 0;
        for (var e : byKey.entrySet()) {
            if (!e.getKey().startsWith(prefix) || !e.getValue().confirmed()) {
                continue;
            }
            String[] parts = e.getKey().split("/");
            models.add(parts[1]);
            perEpoch.merge(Integer.parseInt(parts[2]), 1, Integer::sum);
            arch = e.getValue().arch();
            n++;
        }
        return new ZooCounts(arch, n, models.size(), perEpoch);
    }

    int size() {
        return byKey.size();
    }
}
