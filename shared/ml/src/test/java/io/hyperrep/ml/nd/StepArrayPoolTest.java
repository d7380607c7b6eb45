package io.hyperrep.ml.nd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StepArrayPoolTest {

    @BeforeAll
    static void init() {
        Backend.init();
    }

    @Test
    void shouldHandOutTheSameBuffersAgainAfterRecycling() {
        StepArrayPool pool = new StepArrayPool();
        INDArray a = pool.allocate(false, DataType.FLOAT, 3, 4);
        assertNotSame(a, pool.allocate(false, DataType.FLOAT, 3, 4), "a is in use");
        long idBefore = a.getId();
        pool.recycle();
        pool.recycle();
        INDArray again = pool.allocate(false, DataType.FLOAT, 3, 4);
        INDArray second = pool.allocate(false, DataType.FLOAT, 3, 4);
        assertTrue(again == a || second == a, "the recycled array is reused");
        assertTrue(a.getId() != idBefore, "a reused array gets a new id (the session never releases an id twice)");
        assertArrayEquals(new long[] {3, 4}, again.shape());
        assertEquals(2 * 12 * 4, pool.pooledBytes(), "two arrays of 12 floats, no more");
        pool.close();
    }

    @Test
    void shouldReuseAReleasedArrayWithinTheSameCall() {
        StepArrayPool pool = new StepArrayPool();
        INDArray a = pool.allocate(false, DataType.FLOAT, 5);
        pool.release(a);
        assertSame(a, pool.allocate(false, DataType.FLOAT, 5));
        pool.release(Nd4j.create(DataType.FLOAT, 5)); // not from the pool: ignored
        assertNotSame(a, pool.allocate(false, DataType.FLOAT, 5));
        assertEquals(2 * 5 * 4, pool.pooledBytes());
        pool.close();
    }

    @Test
    void shouldFreeShapesThatNoRecentCallAskedFor() {
        StepArrayPool pool = new StepArrayPool();
        pool.allocate(false, DataType.FLOAT, 100);
        pool.recycle();
        for (int i = 0; i < StepArrayPool.KEEP_UNUSED_CALLS - 1; i++) {
            pool.allocate(false, DataType.FLOAT, 7);
            pool.recycle();
        }
        assertEquals((100 + 7) * 4, pool.pooledBytes(), "kept while recent");
        pool.allocate(false, DataType.FLOAT, 7);
        pool.recycle();
        assertEquals(7 * 4, pool.pooledBytes(), "freed after " + StepArrayPool.KEEP_UNUSED_CALLS + " calls without it");
        pool.close();
        assertEquals(0, pool.pooledBytes());
        assertThrows(IllegalStateException.class, () -> pool.allocate(false, DataType.FLOAT, 7));
    }

    @Test
    void shouldGiveTheSameResultsAsSameDiffsOwnMemoryWithoutGrowing() {
        Nd4j.getRandom().setSeed(1);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 8);
        SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 8, 8));
        sd.math().tanh(x.mmul(w)).mmul(w).sum("y");
        INDArray in = Nd4j.rand(DataType.FLOAT, 16, 8);
        INDArray plain = sd.calculateGradients(Map.of("x", in), "w").get("w").dup();
        double plainY = sd.output(Map.of("x", in), "y").get("y").getDouble(0);

        StepArrayPool pool = new StepArrayPool();
        long bytes = 0;
        for (int call = 0; call < 3; call++) {
            pool.attachTo(sd.getFunction("grad"));
            assertEquals(plain, sd.calculateGradients(Map.of("x", in), "w").get("w"));
            pool.recycle();
            pool.attachTo(sd);
            assertEquals(plainY, sd.output(Map.of("x", in), "y").get("y").getDouble(0), 1e-6);
            pool.recycle();
            if (call == 0) {
                bytes = pool.pooledBytes();
                assertTrue(bytes > 0, "the sessions allocated from the pool");
            }
            assertEquals(bytes, pool.pooledBytes(), "no new memory after the first call");
        }
        pool.close();
    }
}
