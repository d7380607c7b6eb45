package io.hyperrep.service.registry;

/**
 * What the index keeps of one model: where its two records are in their topics, when, and the numbers
 * it is listed and sorted by. Nothing else (no weights, no lineage): those are read from the topics
 * when asked. Zoo, version and method are shared instances ({@link ModelIndex} interns them), so an
 * entry costs its own fields and its id. Guarded by the index's lock.
 */
final class ModelEntry {

    static final int NONE = -1;

    final String sampleId;
    String zooId;
    String versionId;
    String method;
    int generatedPartition = NONE;
    long generatedOffset = NONE;
    long generatedMillis;
    int evaluatedPartition = NONE;
    long evaluatedOffset = NONE;
    long evaluatedMillis;
    double accuracy = Double.NaN;
    double novelty = Double.NaN;

    ModelEntry(String sampleId) {
        this.sampleId = sampleId;
    }

    boolean generatedBy(AsOf asOf) {
        return generatedPartition != NONE && asOf.generatedCovers(generatedPartition, generatedOffset);
    }

    boolean evaluatedBy(AsOf asOf) {
        return evaluatedPartition != NONE && asOf.evaluatedCovers(evaluatedPartition, evaluatedOffset);
    }
}
