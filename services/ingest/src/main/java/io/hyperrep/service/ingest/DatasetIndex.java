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
 * which digest belongs to which key, and per zoo its architecture and models. Rebuilt from the
 * dataset topic at start (keys and headers only), then kept current by ingest itself. A key is
 * <em>reserved</em> while its record is being written, so two inputs racing with the same weights
 * (or a new zoo's first two checkpoints of different architectures) cannot both get in.
 * Every decision-time lookup is O(1); only {@link #counts} (once per snapshot) scans.
 */
final class DatasetIndex {

    /** Per-zoo counts that go into a snapshot. */
    record ZooCounts(String arch, int checkpoints, int models, SortedMap<Integer, Integer> perEpoch) {}

    private record Entry(String digest, String arch, boolean confirmed) {}

    /** Keys per zoo and per model (reserved or confirmed), and the zoo's architecture. */
    private static final class Zoo {
        final String arch;
        final Map<String, Integer> keysPerModel = new HashMap<>();
        int keys;

        Zoo(String arch) {
            this.arch = arch;
        }
    }

    private final Map<String, Entry> byKey = new HashMap<>();
    private final Map<String, String> keyByDigest = new HashMap<>();
    private final Map<String, Zoo> zoos = new HashMap<>();
    private int unconfirmed;

    Optional<String> digestOf(String key) {
        return Optional.ofNullable(byKey.get(key)).map(Entry::digest);
    }

    /** The key already holding these weights, if any. */
    Optional<String> keyOf(String digest) {
        return Optional.ofNullable(keyByDigest.get(digest));
    }

    /** The architecture of a zoo, fixed by its first checkpoint. */
    Optional<String> archOf(String zooId) {
        return Optional.ofNullable(zoos.get(zooId)).map(z -> z.arch);
    }

    boolean hasModel(String zooId, String modelId) {
        Zoo z = zoos.get(zooId);
        return z != null && z.keysPerModel.containsKey(modelId);
    }

    /** Holds the key for a record being written; {@link #confirm} or {@link #release} follows. */
    void reserve(String key, String digest, String arch) {
        Entry old = byKey.put(key, new Entry(digest, arch, false));
        unconfirmed++;
        if (old != null) {
            keyByDigest.remove(old.digest(), key);
            if (!old.confirmed()) {
                unconfirmed--;
            }
        } else {
            String[] p = parts(key);
            Zoo z = zoos.computeIfAbsent(p[0], id -> new Zoo(arch));
            z.keys++;
            z.keysPerModel.merge(p[1], 1, Integer::sum);
        }
        keyByDigest.put(digest, key);
    }

    void confirm(String key) {
        Entry e = byKey.get(key);
        if (e != null && !e.confirmed()) {
            byKey.put(key, new Entry(e.digest(), e.arch(), true));
            unconfirmed--;
        }
    }

    /** The write failed: forget the reservation (the record will be seen again and decided again). */
    void release(String key) {
        Entry e = byKey.get(key);
        if (e == null || e.confirmed()) {
            return;
        }
        byKey.remove(key);
        unconfirmed--;
        keyByDigest.remove(e.digest(), key);
        String[] p = parts(key);
        Zoo z = zoos.get(p[0]);
        if (z.keysPerModel.merge(p[1], -1, Integer::sum) == 0) {
            z.keysPerModel.remove(p[1]);
        }
        if (--z.keys == 0) {
            zoos.remove(p[0]);
        }
    }

    /** Records a key found in the dataset topic (rebuild at start). Later records of a key win. */
    void load(String key, String digest, String arch) {
        reserve(key, digest, arch);
        confirm(key);
    }

    /** Whether a write is in flight (a snapshot must wait for it). */
    boolean writing() {
        return unconfirmed > 0;
    }

    ZooCounts counts(String zooId) {
        String prefix = zooId + "/";
        Set<String> models = new HashSet<>();
        TreeMap<Integer, Integer> perEpoch = new TreeMap<>();
        int n = 0;
        for (var e : byKey.entrySet()) {
            if (!e.getKey().startsWith(prefix) || !e.getValue().confirmed()) {
                continue;
            }
            String[] p = parts(e.getKey());
            models.add(p[1]);
            perEpoch.merge(Integer.parseInt(p[2]), 1, Integer::sum);
            n++;
        }
        return new ZooCounts(archOf(zooId).orElse(null), n, models.size(), perEpoch);
    }

    int size() {
        return byKey.size();
    }

    /** zooId, modelId, epoch of a checkpoint key (ids never contain '/'). */
    private static String[] parts(String key) {
        int a = key.indexOf('/');
        int b = key.lastIndexOf('/');
        return new String[] {key.substring(0, a), key.substring(a + 1, b), key.substring(b + 1)};
    }
}
