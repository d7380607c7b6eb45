package io.hyperrep.ml.nd;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.SessionMemMgr;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.BaseNDArray;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Memory for the arrays of a SameDiff graph executed over and over with the same shapes (a training
 * step, an inference chunk): every array the session asks for is handed out from a pool keyed by
 * shape; arrays the session releases go back at once, and all others when the caller says the
 * call's results have been read ({@link #recycle()}). After the first call no native memory is
 * allocated at all.
 *
 * <p>Why: M2.1's gradient session gives back almost nothing it allocates (26 of 1,217 arrays, 23 of
 * 622 MB per step of the autoencoder at batch 32), and inference keeps its outputs and a few others
 * (47 of 867 MB per 256-row chunk). SameDiff's own cache never sees those arrays: they wait for the
 * garbage collector, which seldom runs because the Java heap hardly grows, so RSS grew by the step's
 * size each step unless {@code System.gc()} ran; fresh native buffers (page faults included) also
 * took ~40% of a training step's CPU time (docs/decisions/step-array-pool.md).
 *
 * <p>Arrays handed out hold stale values, as with SameDiff's own cache: ops overwrite their outputs.
 * Not thread-safe: one pool per graph, one call at a time.
 */
public final class StepArrayPool extends AbstractMemoryMgr implements SessionMemMgr {

    /**
     * Calls after which arrays of a shape nobody asked for are freed. A training step uses one set of
     * shapes; inference in chunks uses a few (full chunks, remainders) in turn, and callers with varying
     * row counts must not make the pool grow without bound.
     */
    static final int KEEP_UNUSED_CALLS = 4;

    /** Free arrays of one shape and the call that last asked for that shape. */
    private static final class Shelf {
        final ArrayDeque<INDArray> free = new ArrayDeque<>();
        long lastCall;
    }

    private final Map<LongShapeDescriptor, Shelf> shelves = new HashMap<>();
    /** Handed out and not yet back, by identity (arrays compare by value). */
    private final IdentityHashMap<INDArray, Shelf> inUse = new IdentityHashMap<>();

    private long call;
    private long pooledBytes;
    private boolean closed;

    /**
     * Makes the calling thread's session of {@code graph} allocate from this pool. SameDiff keeps one
     * session per thread, so call this before every execution that may run on another thread.
     */
    public void attachTo(SameDiff graph) {
        if (closed) {
            throw new IllegalStateException("the array pool was closed");
        }
        InferenceSession session =
                graph.getSessions().computeIfAbsent(Thread.currentThread().getId(), id -> new InferenceSession(graph));
        if (session.getMmgr() != this) {
            session.setMmgr(this);
        }
    }

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        return allocate(detached, LongShapeDescriptor.fromShape(shape, dataType));
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        if (closed) {
            throw new IllegalStateException("the array pool was closed");
        }
        if (descriptor.isEmpty()) {
            return Nd4j.create(descriptor, false); // no buffer to reuse
        }
        Shelf shelf = shelves.computeIfAbsent(descriptor, d -> new Shelf());
        shelf.lastCall = call;
        INDArray a = shelf.free.poll();
        if (a == null) {
            a = Nd4j.create(descriptor, false);
            pooledBytes += bytes(a);
        } else if (a instanceof BaseNDArray b) {
            // the session remembers the ids of arrays it released and never releases an id twice
            b.assignNewId();
        }
        inUse.put(a, shelf);
        return a;
    }

    /** The session is done with {@code array}: reuse it (SameDiff's own cache does the same). Arrays not from this pool are left alone. */
    @Override
    public void release(INDArray array) {
        Shelf shelf = inUse.remove(array);
        if (shelf != null) {
            shelf.free.push(array);
        }
    }

    /**
     * Takes back every array handed out since the last call, and frees those of shapes no call asked for
     * in the last {@value #KEEP_UNUSED_CALLS} calls. Only when nothing will read them any more: the outputs
     * and gradients the call returned are among them.
     */
    public void recycle() {
        inUse.forEach((a, shelf) -> shelf.free.push(a));
        inUse.clear();
        call++;
        shelves.values().removeIf(shelf -> {
            if (call - shelf.lastCall <= KEEP_UNUSED_CALLS) {
                return false;
            }
            free(shelf);
            return true;
        });
    }

    /** Native bytes held by the pool (handed out or free). */
    public long pooledBytes() {
        return pooledBytes;
    }

    /** Frees every pooled array now instead of at garbage collection; the pool cannot be used afterwards. */
    @Override
    public void close() {
        inUse.forEach((a, shelf) -> shelf.free.push(a));
        inUse.clear();
        shelves.values().forEach(this::free);
        shelves.clear();
        closed = true;
    }

    private void free(Shelf shelf) {
        for (INDArray a : shelf.free) {
            pooledBytes -= bytes(a);
            if (a.closeable()) {
                a.close();
            }
        }
        shelf.free.clear();
    }

    private static long bytes(INDArray a) {
        return a.length() * a.dataType().width();
    }
}
