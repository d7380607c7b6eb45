package io.hyperrep.service.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.events.PipelineEvents.GeneratedModel;
import java.lang.ref.Reference;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The index's memory: 100,000 generated and evaluated models (ids as the sampler makes them: 100
 * versions x 6 methods) fit in {@link #BOUND_BYTES} of heap, measured as the live heap after full
 * collections with and without the index. The measured size per entry is printed.
 */
class ModelIndexMemoryTest {

    static final int MODELS = 100_000;
    /** The stated bound (docs/OPERATIONS.md): 32 MiB per 100,000 models, 335 bytes a model. */
    static final long BOUND_BYTES = 32L << 20;

    @Test
    // the fence only keeps the measured object alive until after the measurement; a failed assertion
    // ends the test, so there is nothing for a finally block to protect
    @SuppressWarnings("ReachabilityFenceUsage")
    void shouldHoldAHundredThousandModelsWithinTheStatedHeap() throws Exception {
        String[] methods = {"uniform", "kde", "kde-joint", "kde-faithful", "neigh", "gan"};
        long before = liveHeap();
        ModelIndex index = new ModelIndex();
        int n = 0;
        for (int v = 0; n < MODELS; v++) {
            String version = String.format("ae-%016x", 0x9e3779b97f4a7c15L * (v + 1));
            for (int m = 0; m < methods.length && n < MODELS; m++) {
                for (int i = 0; i < 200 && n < MODELS; i++, n++) {
                    // each record is a fresh object, as one decoded from Kafka: nothing shared but what the index
                    // interns
                    GeneratedModel g = new GeneratedModel(
                            version + "/" + methods[m] + "/s42/n200/" + i,
                            "zoo-" + (v % 3),
                            new String(version),
                            "zoo@snap",
                            new String(methods[m]),
                            Map.of(),
                            42,
                            i,
                            "cnn-s",
                            "h",
                            Records.W,
                            Records.T0.plusSeconds(n).toString(),
                            null,
                            null,
                            null);
                    index.generated(g, n % 4, n / 4, 0);
                    index.evaluated(Records.evaluated(g, (n % 1000) / 1000.0, (n % 777) / 300.0), n % 4, n / 4, 0);
                }
            }
        }
        long after = liveHeap();
        long bytes = after - before;
        System.out.printf(
                "registry index: %,d models in %,d bytes of heap (%.1f MiB, %d bytes a model; bound %d MiB)%n",
                MODELS, bytes, bytes / 1048576.0, bytes / MODELS, BOUND_BYTES >> 20);
        ModelPage page = null;
        long fastest = Long.MAX_VALUE;
        for (int k = 0; k < 5; k++) {
            long t0 = System.nanoTime();
            page = index.page(ModelIndexTest.query("sort=accuracy&minAccuracy=0.5&limit=50"));
            fastest = Math.min(fastest, System.nanoTime() - t0);
        }
        System.out.printf(
                "registry index: a filtered page over %,d models in %.1f ms (fastest of 5)%n", MODELS, fastest / 1e6);
        assertEquals(MODELS, index.size());
        assertEquals(MODELS / 2, page.total());
        assertEquals(50, page.models().size());
        assertTrue(bytes > 0, "the measurement saw the index");
        assertTrue(bytes < BOUND_BYTES, "100,000 models take " + bytes + " bytes, over the bound of " + BOUND_BYTES);
        Reference.reachabilityFence(index);
    }

    @Test
    // the fence only keeps the measured object alive until after the measurement; a failed assertion
    // ends the test, so there is nothing for a finally block to protect
    @SuppressWarnings("ReachabilityFenceUsage")
    void shouldMeasureSomethingTheSizeOfWhatItHolds() throws Exception {
        // the measurement itself: a map of 100,000 one-kilobyte arrays must read as at least 100 MB
        long before = liveHeap();
        Map<Integer, byte[]> ballast = new HashMap<>();
        for (int i = 0; i < MODELS; i++) {
            ballast.put(i, new byte[1000]);
        }
        long bytes = liveHeap() - before;
        assertTrue(bytes >= MODELS * 1000L && bytes < MODELS * 1100L, "measured " + bytes);
        Reference.reachabilityFence(ballast);
    }

    static long liveHeap() throws InterruptedException {
        Runtime r = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(40);
            used = Math.min(used, r.totalMemory() - r.freeMemory());
        }
        return used;
    }
}
