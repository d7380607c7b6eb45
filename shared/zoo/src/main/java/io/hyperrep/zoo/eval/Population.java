package io.hyperrep.zoo.eval;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named set of models of one architecture that is evaluated as a group: canonical weight vectors
 * with an id each, and where they came from. Arrays are owned by the record; do not modify them.
 *
 * @param lineage free-form provenance (sampler, source directory, noise level, ...), shown in reports
 */
public record Population(
        String name, PopulationKind kind, List<String> memberIds, float[][] weights, Map<String, String> lineage) {

    public Population {
        if (name == null || !name.matches("[A-Za-z0-9_.+-]{1,64}")) {
            throw new IllegalArgumentException(
                    "population name must be 1-64 characters of [A-Za-z0-9_.+-], got '" + name + "'");
        }
        if (kind == null) {
            throw new IllegalArgumentException("population " + name + " has no kind");
        }
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("population " + name + " is empty");
        }
        if (memberIds == null || memberIds.size() != weights.length) {
            throw new IllegalArgumentException("population " + name + " has " + weights.length + " models but "
                    + (memberIds == null ? 0 : memberIds.size()) + " ids");
        }
        Set<String> seen = new HashSet<>();
        for (String id : memberIds) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("population " + name + " lists model '" + id + "' twice");
            }
        }
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] == null || weights[i].length != weights[0].length) {
                throw new IllegalArgumentException("population " + name + ": model " + memberIds.get(i) + " has "
                        + (weights[i] == null ? 0 : weights[i].length) + " weights, the first has "
                        + weights[0].length);
            }
        }
        memberIds = List.copyOf(memberIds);
        lineage = lineage == null ? Map.of() : Map.copyOf(lineage);
    }

    public int size() {
        return weights.length;
    }

    /** The first {@code n} models (all of them when there are fewer). */
    public Population limit(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("a population limit must be positive, got " + n);
        }
        return n >= size()
                ? this
                : select(java.util.stream.IntStream.range(0, n).toArray());
    }

    /** The models at {@code indices}, in that order. */
    public Population select(int[] indices) {
        float[][] w = new float[indices.length][];
        String[] ids = new String[indices.length];
        for (int i = 0; i < indices.length; i++) {
            w[i] = weights[indices[i]];
            ids[i] = memberIds.get(indices[i]);
        }
        return new Population(name, kind, Arrays.asList(ids), w, lineage);
    }
}
