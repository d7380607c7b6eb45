package io.hyperrep.service.registry;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A moment of the registry, named by the topics' positions: per partition, the offset up to which
 * (exclusive) the generated and the evaluated models' topics had been read. A listing pages through the
 * index as it was at its first page's moment, so records read later (new models, evaluations) do not
 * shift its pages. Offsets, unlike a counter of this process, mean the same in every instance and after
 * a restart, so a cursor stays valid there too.
 */
record AsOf(SortedMap<Integer, Long> generated, SortedMap<Integer, Long> evaluated) {

    AsOf {
        generated = new TreeMap<>(generated);
        evaluated = new TreeMap<>(evaluated);
    }

    static AsOf of(Map<Integer, Long> generated, Map<Integer, Long> evaluated) {
        return new AsOf(new TreeMap<>(generated), new TreeMap<>(evaluated));
    }

    boolean generatedCovers(int partition, long offset) {
        return offset < generated.getOrDefault(partition, 0L);
    }

    boolean evaluatedCovers(int partition, long offset) {
        return offset < evaluated.getOrDefault(partition, 0L);
    }

    /** True when this index has read at least as far as {@code other} in every partition. */
    boolean reaches(AsOf other) {
        return covers(generated, other.generated) && covers(evaluated, other.evaluated);
    }

    private static boolean covers(Map<Integer, Long> mine, Map<Integer, Long> theirs) {
        return theirs.entrySet().stream().allMatch(e -> mine.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }
}
