package io.hyperrep.service.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelIndexTest {

    /** Records as they sit in two topics of 3 partitions each, in offset order per partition. */
    static final class Log {
        final List<List<GeneratedModel>> generated = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        final List<List<EvaluatedModel>> evaluated = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

        void add(GeneratedModel g, ModelIndex... into) {
            int p = Math.floorMod(g.sampleId().hashCode(), 3);
            generated.get(p).add(g);
            for (ModelIndex i : into) {
                i.generated(g, p, generated.get(p).size() - 1, 0);
            }
        }

        void add(EvaluatedModel m, ModelIndex... into) {
            int p = Math.floorMod(m.sampleId().hashCode(), 3);
            evaluated.get(p).add(m);
            for (ModelIndex i : into) {
                i.evaluated(m, p, evaluated.get(p).size() - 1, 0);
            }
        }

        /** A new index that read the whole log again, its partitions interleaved in a random order (as a restart reads them). */
        ModelIndex rebuild(long seed) {
            record Item(boolean generated, int partition, int offset) {}
            List<List<Item>> queues = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                List<Item> g = new ArrayList<>();
                for (int o = 0; o < generated.get(p).size(); o++) {
                    g.add(new Item(true, p, o));
                }
                List<Item> e = new ArrayList<>();
                for (int o = 0; o < evaluated.get(p).size(); o++) {
                    e.add(new Item(false, p, o));
                }
                queues.add(g);
                queues.add(e);
            }
            ModelIndex index = new ModelIndex();
            Random r = new Random(seed);
            int[] next = new int[queues.size()];
            while (true) {
                List<Integer> open = new ArrayList<>();
                for (int q = 0; q < queues.size(); q++) {
                    if (next[q] < queues.get(q).size()) {
                        open.add(q);
                    }
                }
                if (open.isEmpty()) {
                    return index;
                }
                int q = open.get(r.nextInt(open.size()));
                Item it = queues.get(q).get(next[q]++);
                if (it.generated()) {
                    index.generated(generated.get(it.partition()).get(it.offset()), it.partition(), it.offset(), 0);
                } else {
                    index.evaluated(evaluated.get(it.partition()).get(it.offset()), it.partition(), it.offset(), 0);
                }
            }
        }
    }

    static ModelQuery query(String params) {
        Map<String, List<String>> m = new HashMap<>();
        if (!params.isEmpty()) {
            for (String kv : params.split("&")) {
                String[] p = kv.split("=", 2);
                m.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
            }
        }
        return ModelQuery.parse(m);
    }

    static List<String> ids(ModelPage p) {
        return p.models().stream().map(ModelSummary::sampleId).toList();
    }

    /** Every page of a listing, following the cursors. */
    static List<ModelSummary> all(ModelIndex index, String params) {
        List<ModelSummary> out = new ArrayList<>();
        ModelPage page = index.page(query(params));
        out.addAll(page.models());
        while (page.nextCursor() != null) {
            page = index.page(query(params + "&cursor=" + page.nextCursor()));
            out.addAll(page.models());
        }
        return out;
    }

    /** Two zoos, two versions, three methods; accuracies with ties; some models not evaluated. */
    static Log sample(ModelIndex index) {
        Log log = new Log();
        String[] methods = {"kde", "uniform", "gan"};
        int n = 0;
        for (String zoo : List.of("z1", "z2")) {
            for (String version : List.of(zoo + "-v1", zoo + "-v2")) {
                for (String method : methods) {
                    for (int i = 0; i < 5; i++) {
                        GeneratedModel g = Records.generated(zoo, version, method, i, n++);
                        log.add(g, index);
                        if (i != 4) {
                            log.add(Records.evaluated(g, 0.5 + 0.1 * (i % 3), 0.2 * i + 0.01 * n), index);
                        }
                    }
                }
            }
        }
        return log;
    }

    @Test
    void shouldFilterAndSortWithUnknownValuesLastAndTiesById() {
        ModelIndex index = new ModelIndex();
        sample(index);
        assertEquals(60, index.size());
        ModelPage kde = index.page(query("zoo=z1&method=kde&sort=accuracy&limit=100"));
        assertEquals(10, kde.total());
        assertNull(kde.nextCursor());
        List<ModelSummary> m = kde.models();
        for (int i = 1; i < m.size(); i++) {
            ModelSummary a = m.get(i - 1);
            ModelSummary b = m.get(i);
            if (a.accuracy() != null && b.accuracy() != null) {
                assertTrue(
                        a.accuracy() > b.accuracy()
                                || (a.accuracy().equals(b.accuracy())
                                        && a.sampleId().compareTo(b.sampleId()) < 0),
                        a + " before " + b);
            } else {
                assertTrue(b.accuracy() == null, "unevaluated models come last: " + a + " before " + b);
            }
        }
        assertEquals(2, m.stream().filter(s -> !s.evaluated()).count());
        assertTrue(m.stream().allMatch(s -> s.zooId().equals("z1") && s.method().equals("kde")));

        ModelPage good = index.page(query("version=z2-v1&minAccuracy=0.65&sort=novelty&order=asc"));
        assertEquals(
                List.of(0.7, 0.7, 0.7),
                good.models().stream().map(ModelSummary::accuracy).toList(),
                "only evaluated models reach a minimum accuracy (i % 3 == 2: one per method)");
        assertTrue(good.models().get(0).novelty() < good.models().get(1).novelty(), "ascending novelty");

        List<ModelSummary> byTime = index.page(query("limit=3")).models();
        assertEquals(
                List.of("z2-v2/gan/s42/n100/4", "z2-v2/gan/s42/n100/3", "z2-v2/gan/s42/n100/2"),
                byTime.stream().map(ModelSummary::sampleId).toList(),
                "newest first by default");
        assertFalse(byTime.get(0).evaluated());
        assertTrue(byTime.get(0).weights());
    }

    @Test
    void shouldPageThroughEveryModelOnceInOrder() {
        ModelIndex index = new ModelIndex();
        sample(index);
        for (String order : List.of("sort=accuracy", "sort=novelty&order=asc", "sort=time", "sort=accuracy&zoo=z2")) {
            List<ModelSummary> paged = all(index, order + "&limit=7");
            List<ModelSummary> whole = index.page(query(order + "&limit=500")).models();
            assertEquals(whole, paged, order);
        }
        assertEquals(60, all(index, "limit=1").size());
    }

    @Test
    void shouldKeepAListingsPagesStableWhileModelsAndEvaluationsArrive() {
        ModelIndex index = new ModelIndex();
        Log log = sample(index);
        List<ModelSummary> expected =
                index.page(query("sort=accuracy&limit=500")).models();

        ModelPage page = index.page(query("sort=accuracy&limit=8"));
        List<ModelSummary> seen = new ArrayList<>(page.models());
        int n = 1000;
        Random r = new Random(3);
        while (page.nextCursor() != null) {
            // between pages: new models that sort anywhere, and the evaluations of models that had none
            for (int k = 0; k < 5; k++) {
                GeneratedModel g = Records.generated("z1", "z1-v3", "kde", n, n++);
                log.add(g, index);
                log.add(Records.evaluated(g, r.nextDouble(), r.nextDouble()), index);
            }
            GeneratedModel unevaluated = Records.generated("z1", "z1-v1", "kde", 4, 0);
            log.add(Records.evaluated(unevaluated, 0.99, 9), index);
            assertEquals(60, page.total(), "the listing's moment: 60 models, whatever arrived since");
            page = index.page(query("sort=accuracy&limit=8&cursor=" + page.nextCursor()));
            seen.addAll(page.models());
        }
        assertEquals(
                expected,
                seen,
                "every model of the first page's moment exactly once, in order, with that moment's values");
        assertTrue(
                index.page(query("sort=accuracy&limit=1")).models().get(0).accuracy() >= 0.99,
                "a new listing sees the new moment");
    }

    @Test
    void shouldGiveTheSameAnswersAfterARebuildAndHonourCursorsFromBeforeIt() {
        ModelIndex index = new ModelIndex();
        Log log = sample(index);
        log.add(Records.generated("z1", "z1-v1", "kde", 0, 999), index); // a redelivered model: its first record stays
        ModelPage first = index.page(query("sort=accuracy&limit=10"));
        for (long seed = 1; seed <= 3; seed++) {
            ModelIndex rebuilt = log.rebuild(seed);
            assertEquals(index.size(), rebuilt.size());
            assertEquals(index.now(), rebuilt.now());
            for (String q : List.of(
                    "sort=accuracy", "sort=novelty", "sort=time", "zoo=z2&method=gan", "minAccuracy=0.6&order=asc")) {
                assertEquals(
                        all(index, q + "&limit=9"),
                        all(rebuilt, q + "&limit=9"),
                        q + " after a rebuild (seed " + seed + ")");
            }
            assertEquals(
                    index.page(query("sort=accuracy&limit=10&cursor=" + first.nextCursor())),
                    rebuilt.page(query("sort=accuracy&limit=10&cursor=" + first.nextCursor())),
                    "a cursor from before the restart");
            assertEquals(index.find("z1-v1/kde/s42/n100/0"), rebuilt.find("z1-v1/kde/s42/n100/0"));
        }
    }

    @Test
    void shouldKeepTheFirstRecordOfARedeliveredModel() {
        ModelIndex index = new ModelIndex();
        GeneratedModel g = Records.generated("z", "v", "kde", 0, 5);
        index.generated(g, 1, 10, 0);
        index.generated(Records.generated("z", "v", "kde", 0, 50), 1, 20, 0);
        ModelIndex.Located at = index.find(g.sampleId()).orElseThrow();
        assertEquals(10, at.generatedOffset());
        assertEquals(Records.T0.plusSeconds(5).toString(), at.summary().time());
        assertFalse(at.hasEvaluated());
        index.evaluated(Records.evaluated(g, 0.8, 1.1), 0, 3, 0);
        index.evaluated(Records.evaluated(g, 0.7, 1.2), 0, 9, 0);
        assertEquals(0.7, index.find(g.sampleId()).orElseThrow().summary().accuracy(), "the latest evaluation");
        assertEquals(Map.of(1, 21L), index.now().generated());
        assertEquals(Map.of(0, 10L), index.now().evaluated());
    }

    @Test
    void shouldRefuseBadParametersAndCursors() {
        ModelIndex index = new ModelIndex();
        sample(index);
        for (String bad : List.of(
                "limit=0",
                "limit=501",
                "limit=x",
                "minAccuracy=1.5",
                "minAccuracy=abc",
                "sort=size",
                "order=up",
                "zoo=",
                "colour=red",
                "zoo=a&zoo=b")) {
            assertThrows(InvalidQuery.class, () -> index.page(query(bad)), bad);
        }
        InvalidQuery unknown = assertThrows(InvalidQuery.class, () -> query("minAcc=0.5"));
        assertEquals("minAcc", unknown.parameter());
        assertTrue(unknown.getMessage().contains("minAccuracy"), unknown.getMessage());

        String cursor = index.page(query("sort=accuracy&limit=5")).nextCursor();
        assertEquals(
                5,
                index.page(query("sort=accuracy&limit=5&cursor=" + cursor))
                        .models()
                        .size());
        assertEquals(
                20,
                index.page(query("sort=accuracy&limit=20&cursor=" + cursor))
                        .models()
                        .size(),
                "the page size may change");
        for (String other : List.of(
                "sort=novelty", "sort=accuracy&order=asc", "sort=accuracy&zoo=z1", "sort=accuracy&minAccuracy=0.1")) {
            InvalidQuery e =
                    assertThrows(InvalidQuery.class, () -> index.page(query(other + "&cursor=" + cursor)), other);
            assertEquals("cursor", e.parameter());
        }
        for (String garbage : List.of(
                "abc",
                "%%%",
                cursor.substring(0, cursor.length() / 2),
                java.util.Base64.getUrlEncoder()
                        .encodeToString("{\"v\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
            assertEquals(
                    "cursor",
                    assertThrows(InvalidQuery.class, () -> index.page(query("sort=accuracy&cursor=" + garbage)))
                            .parameter());
        }
        ModelIndex behind = new ModelIndex();
        ModelIndex.NotYetRead early =
                assertThrows(ModelIndex.NotYetRead.class, () -> behind.page(query("sort=accuracy&cursor=" + cursor)));
        assertTrue(early.getMessage().contains("not read up to"), early.getMessage());
    }

    @Test
    void shouldListFacets() {
        ModelIndex index = new ModelIndex();
        sample(index);
        Map<String, List<String>> f = index.facets();
        assertEquals(List.of("z1", "z2"), f.get("zoos"));
        assertEquals(List.of("gan", "kde", "uniform"), f.get("methods"));
        assertEquals(4, f.get("versions").size());
        Set<String> shuffled = new HashSet<>(f.get("versions"));
        List<String> copy = new ArrayList<>(shuffled);
        Collections.sort(copy);
        assertEquals(copy, f.get("versions"));
    }
}
