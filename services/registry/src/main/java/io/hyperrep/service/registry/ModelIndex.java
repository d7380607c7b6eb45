package io.hyperrep.service.registry;

import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The registry's index: every generated model by sample id, with where its generated and evaluated
 * records are, folded from the two topics in their order. It holds {@link ModelEntry}s only (no
 * weights: those stay in the generated topic and are read by position when asked), so its memory grows
 * by one small entry per model (measured in {@code ModelIndexMemoryTest}).
 *
 * <p>Listings ({@link #page}) page by keyset: a page ends at its last model's (sort value, id), and the
 * next starts after it, in the index as of the first page's {@link AsOf}. Models or evaluations read
 * after that moment are invisible to the listing, so concurrent inserts neither repeat nor skip a model
 * and a listing sees one consistent moment. A sample's first generated record is the one kept (the
 * sampler republishes the same model under the same id on redelivery), so a later copy never moves a
 * model out of a listing's moment; its evaluation is the latest one (the evaluated topic is compacted).
 *
 * <p>Thread-safe: the consumer writes and HTTP handlers read on different threads. A listing scans all
 * entries (a few milliseconds per 100,000), which keeps the index free of per-order structures.
 */
final class ModelIndex {

    /** Where a model's records are, with its summary as of now. */
    record Located(
            ModelSummary summary,
            int generatedPartition,
            long generatedOffset,
            int evaluatedPartition,
            long evaluatedOffset) {
        boolean hasGenerated() {
            return generatedPartition != ModelEntry.NONE;
        }

        boolean hasEvaluated() {
            return evaluatedPartition != ModelEntry.NONE;
        }
    }

    /** A cursor from a moment this index has not reached: the same request succeeds once it has read further. */
    static final class NotYetRead extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotYetRead(String message) {
            super(message);
        }
    }

    private final Map<String, ModelEntry> entries = new HashMap<>();
    /** One instance per zoo, version and method name: entries share them. */
    private final Map<String, String> names = new HashMap<>();

    private final TreeMap<Integer, Long> generatedRead = new TreeMap<>();
    private final TreeMap<Integer, Long> evaluatedRead = new TreeMap<>();

    /** A generated model's record at {@code partition}/{@code offset}; {@code recordMillis} stands in for an unreadable time. */
    synchronized void generated(GeneratedModel g, int partition, long offset, long recordMillis) {
        advance(generatedRead, partition, offset);
        ModelEntry e = entry(g.sampleId(), g.zooId(), g.versionId(), g.method());
        if (e.generatedPartition == ModelEntry.NONE) {
            e.generatedPartition = partition;
            e.generatedOffset = offset;
            e.generatedMillis = millis(g.time(), recordMillis);
        }
    }

    /** An evaluation's record at {@code partition}/{@code offset}; a later evaluation of the same sample replaces it. */
    synchronized void evaluated(EvaluatedModel m, int partition, long offset, long recordMillis) {
        advance(evaluatedRead, partition, offset);
        ModelEntry e = entry(m.sampleId(), m.zooId(), m.versionId(), m.method());
        e.evaluatedPartition = partition;
        e.evaluatedOffset = offset;
        e.evaluatedMillis = millis(m.time(), recordMillis);
        e.accuracy = m.testAccuracy();
        e.novelty = m.relativeNovelty();
    }

    /** A record of the generated topic that is not a model (unreadable, a tombstone): read, nothing indexed. */
    synchronized void generatedSkipped(int partition, long offset) {
        advance(generatedRead, partition, offset);
    }

    synchronized void evaluatedSkipped(int partition, long offset) {
        advance(evaluatedRead, partition, offset);
    }

    /** The index's moment now: how far each partition of both topics has been read. */
    synchronized AsOf now() {
        return new AsOf(generatedRead, evaluatedRead);
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized Optional<Located> find(String sampleId) {
        ModelEntry e = entries.get(sampleId);
        if (e == null) {
            return Optional.empty();
        }
        AsOf now = now();
        return Optional.of(new Located(
                summary(e, now), e.generatedPartition, e.generatedOffset, e.evaluatedPartition, e.evaluatedOffset));
    }

    /**
     * A page of the models matching {@code q}, in its order (models without the sort value last, ties by
     * id), starting after its cursor.
     *
     * @throws InvalidQuery for a cursor that is not one of this registry's or was made for another query
     * @throws NotYetRead   for a cursor from a moment this index has not read up to yet
     */
    synchronized ModelPage page(ModelQuery q) {
        Cursor cursor = q.cursor() == null ? null : Cursor.decode(q.cursor(), q);
        AsOf asOf = cursor == null ? now() : cursor.asOf();
        if (cursor != null && !now().reaches(asOf)) {
            throw new NotYetRead(
                    "the cursor is from a moment this registry has not read up to yet (another instance, or just restarted); "
                            + "retry shortly");
        }
        Comparator<Candidate> order = Candidate.order(q.descending());
        // the limit+1 best candidates after the cursor, worst on top, so the page knows whether more follow
        PriorityQueue<Candidate> best = new PriorityQueue<>(q.limit() + 1, order.reversed());
        Candidate after = cursor == null ? null : new Candidate(cursor.after(), cursor.afterId(), null);
        int total = 0;
        for (ModelEntry e : entries.values()) {
            boolean generated = e.generatedBy(asOf);
            boolean evaluated = e.evaluatedBy(asOf);
            if (!(generated || evaluated) || !matches(e, q, evaluated)) {
                continue;
            }
            total++;
            Candidate c = new Candidate(key(e, q.sort(), generated, evaluated), e.sampleId, e);
            if (after != null && order.compare(c, after) <= 0) {
                continue;
            }
            if (best.size() <= q.limit()) {
                best.add(c);
            } else if (order.compare(c, best.peek()) < 0) {
                best.poll();
                best.add(c);
            }
        }
        List<Candidate> sorted = new ArrayList<>(best);
        sorted.sort(order);
        boolean more = sorted.size() > q.limit();
        List<ModelSummary> models = new ArrayList<>(Math.min(sorted.size(), q.limit()));
        for (int i = 0; i < Math.min(sorted.size(), q.limit()); i++) {
            models.add(summary(sorted.get(i).entry(), asOf));
        }
        String next = null;
        if (more) {
            Candidate last = sorted.get(q.limit() - 1);
            next = new Cursor(q.shape(), asOf, last.key(), last.id()).encode();
        }
        return new ModelPage(models, total, next);
    }

    /** The distinct zoos, versions and methods indexed now (for the page's filters). */
    synchronized Map<String, List<String>> facets() {
        java.util.TreeSet<String> zoos = new java.util.TreeSet<>();
        java.util.TreeSet<String> versions = new java.util.TreeSet<>();
        java.util.TreeSet<String> methods = new java.util.TreeSet<>();
        for (ModelEntry e : entries.values()) {
            zoos.add(e.zooId);
            versions.add(e.versionId);
            methods.add(e.method);
        }
        return Map.of("zoos", List.copyOf(zoos), "versions", List.copyOf(versions), "methods", List.copyOf(methods));
    }

    private record Candidate(double key, String id, ModelEntry entry) {
        /** Models with the sort value first (in the asked direction), those without it last; ties by id, ascending. */
        static Comparator<Candidate> order(boolean descending) {
            return (a, b) -> {
                boolean na = Double.isNaN(a.key);
                boolean nb = Double.isNaN(b.key);
                if (na != nb) {
                    return na ? 1 : -1;
                }
                if (!na) {
                    int c = Double.compare(a.key, b.key);
                    if (c != 0) {
                        return descending ? -c : c;
                    }
                }
                return a.id.compareTo(b.id);
            };
        }
    }

    private static boolean matches(ModelEntry e, ModelQuery q, boolean evaluated) {
        return (q.zoo() == null || q.zoo().equals(e.zooId))
                && (q.version() == null || q.version().equals(e.versionId))
                && (q.method() == null || q.method().equals(e.method))
                && (q.minAccuracy() == null || (evaluated && e.accuracy >= q.minAccuracy()));
    }

    private static double key(ModelEntry e, Sort sort, boolean generated, boolean evaluated) {
        return switch (sort) {
            case ACCURACY -> evaluated ? e.accuracy : Double.NaN;
            case NOVELTY -> evaluated ? e.novelty : Double.NaN;
            case TIME -> generated ? e.generatedMillis : e.evaluatedMillis;
        };
    }

    private static ModelSummary summary(ModelEntry e, AsOf asOf) {
        boolean generated = e.generatedBy(asOf);
        boolean evaluated = e.evaluatedBy(asOf);
        return new ModelSummary(
                e.sampleId,
                e.zooId,
                e.versionId,
                e.method,
                evaluated ? e.accuracy : null,
                evaluated && Double.isFinite(e.novelty) ? e.novelty : null,
                Instant.ofEpochMilli(generated ? e.generatedMillis : e.evaluatedMillis)
                        .toString(),
                evaluated,
                generated);
    }

    private ModelEntry entry(String sampleId, String zooId, String versionId, String method) {
        ModelEntry e = entries.get(sampleId);
        if (e == null) {
            e = new ModelEntry(sampleId);
            entries.put(sampleId, e);
        }
        // both records name them (an evaluation may lack them); the first record that does sets them
        if (e.zooId == null) {
            e.zooId = intern(zooId);
        }
        if (e.versionId == null) {
            e.versionId = intern(versionId);
        }
        if (e.method == null) {
            e.method = intern(method);
        }
        return e;
    }

    private String intern(String s) {
        if (s == null) {
            return null;
        }
        String known = names.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    private static void advance(Map<Integer, Long> read, int partition, long offset) {
        read.merge(partition, offset + 1, Math::max);
    }

    private static long millis(String time, long fallback) {
        if (time != null) {
            try {
                return Instant.parse(time).toEpochMilli();
            } catch (DateTimeParseException ignored) {
                // a producer's odd time; the record's timestamp is the next best
            }
        }
        return fallback;
    }
}
