package io.hyperrep.ml.hyper;

import io.hyperrep.core.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Binary file of a {@link TrainingState}: magic and version, the identity strings, counters, the epoch
 * history, named float32 arrays, and a CRC32 of everything before it, so a truncated or damaged file is
 * recognised as such instead of loading half a model. Written atomically.
 */
public final class TrainingStateFile {

    private static final byte[] MAGIC = "HRAESTAT".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int MAX_RANK = 8;
    private static final long MAX_ELEMENTS = 1L << 30;

    private TrainingStateFile() {}

    public static void write(Path file, TrainingState s) {
        try {
            AtomicFiles.write(file, tmp -> {
                try (OutputStream os = Files.newOutputStream(tmp)) {
                    CheckedOutputStream checked =
                            new CheckedOutputStream(new BufferedOutputStream(os, 1 << 16), new CRC32());
                    DataOutputStream out = new DataOutputStream(checked);
                    writeBody(out, s);
                    out.flush();
                    out.writeLong(checked.getChecksum().getValue());
                    out.flush();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the training state to " + file, e);
        }
    }

    /**
     * Reads a state file.
     *
     * @throws AutoencoderFileException if it is missing, not a state file, truncated or damaged
     */
    public static TrainingState read(Path file) {
        try (InputStream is = Files.newInputStream(file)) {
            CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(is, 1 << 16), new CRC32());
            DataInputStream in = new DataInputStream(checked);
            TrainingState s = readBody(in, file);
            long computed = checked.getChecksum().getValue();
            long stored = in.readLong();
            if (stored != computed || in.read() != -1) {
                throw corrupt(file, "checksum mismatch");
            }
            return s;
        } catch (NoSuchFileException e) {
            throw new AutoencoderFileException("training state " + file + " does not exist");
        } catch (EOFException e) {
            throw corrupt(file, "truncated");
        } catch (IOException e) {
            throw new AutoencoderFileException("cannot read training state " + file + ": " + e.getMessage(), e);
        }
    }

    private static AutoencoderFileException corrupt(Path file, String why) {
        return new AutoencoderFileException(
                "training state " + file + " is corrupt (" + why + "); delete it to start the run again");
    }

    private static void writeBody(DataOutputStream out, TrainingState s) throws IOException {
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(s.identity().size());
        for (Map.Entry<String, String> e : s.identity().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
        out.writeInt(s.epochsDone());
        out.writeLong(s.optimizerSteps());
        out.writeInt(s.bestEpoch());
        out.writeDouble(s.bestScore());
        out.writeInt(s.history().size());
        for (EpochResult r : s.history()) {
            out.writeInt(r.epoch());
            out.writeInt(r.epochs());
            for (double d : new double[] {
                r.objective(),
                r.reconstruction(),
                r.contrastive(),
                r.trainLoss(),
                r.trainR2(),
                r.validationLoss(),
                r.validationR2()
            }) {
                out.writeDouble(d);
            }
            out.writeInt(r.bestEpoch());
            out.writeDouble(r.bestScore());
            out.writeDouble(r.seconds());
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        s.weights().forEach((k, v) -> arrays.put("w/" + k, v));
        s.optimizer().forEach(arrays::put);
        out.writeInt(arrays.size());
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            INDArray a = e.getValue();
            out.writeUTF(e.getKey());
            out.writeInt(a.rank());
            for (long d : a.shape()) {
                out.writeLong(d);
            }
            float[] data = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
            ByteBuffer buf = ByteBuffer.allocate(data.length * 4);
            buf.asFloatBuffer().put(data);
            out.write(buf.array());
        }
    }

    private static TrainingState readBody(DataInputStream in, Path file) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new AutoencoderFileException(file + " is not an autoencoder training state (wrong magic bytes)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new AutoencoderFileException(
                    file + " has state format version " + version + "; this build reads version " + VERSION);
        }
        int n = count(in.readInt(), 1000, file, "identity entries");
        Map<String, String> identity = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            identity.put(in.readUTF(), in.readUTF());
        }
        int epochsDone = in.readInt();
        long steps = in.readLong();
        int bestEpoch = in.readInt();
        double bestLoss = in.readDouble();
        int h = count(in.readInt(), 1_000_000, file, "history rows");
        List<EpochResult> history = new ArrayList<>();
        for (int i = 0; i < h; i++) {
            int epoch = in.readInt();
            int epochs = in.readInt();
            double[] d = new double[7];
            for (int j = 0; j < d.length; j++) {
                d[j] = in.readDouble();
            }
            history.add(new EpochResult(
                    epoch,
                    epochs,
                    d[0],
                    d[1],
                    d[2],
                    d[3],
                    d[4],
                    d[5],
                    d[6],
                    in.readInt(),
                    in.readDouble(),
                    in.readDouble()));
        }
        int arrays = count(in.readInt(), 100_000, file, "arrays");
        Map<String, INDArray> weights = new LinkedHashMap<>();
        Map<String, INDArray> optimizer = new LinkedHashMap<>();
        for (int i = 0; i < arrays; i++) {
            String name = in.readUTF();
            int rank = count(in.readInt(), MAX_RANK, file, "dimensions of " + name);
            long[] shape = new long[rank];
            long len = 1;
            for (int d = 0; d < rank; d++) {
                shape[d] = in.readLong();
                if (shape[d] < 0 || shape[d] > MAX_ELEMENTS) {
                    throw corrupt(file, "impossible shape for " + name);
                }
                len *= shape[d];
                if (len > MAX_ELEMENTS) {
                    throw corrupt(file, "impossible shape for " + name);
                }
            }
            byte[] bytes = new byte[(int) len * 4];
            in.readFully(bytes);
            float[] data = new float[(int) len];
            ByteBuffer.wrap(bytes).asFloatBuffer().get(data);
            INDArray a = Nd4j.create(data, shape, 'c');
            if (name.startsWith("w/")) {
                weights.put(name.substring(2), a);
            } else if (name.startsWith("m/") || name.startsWith("v/")) {
                optimizer.put(name, a);
            } else {
                throw corrupt(file, "unknown array " + name);
            }
        }
        return new TrainingState(identity, epochsDone, steps, bestEpoch, bestLoss, history, weights, optimizer);
    }

    private static int count(int n, int max, Path file, String what) {
        if (n < 0 || n > max) {
            throw corrupt(file, n + " " + what);
        }
        return n;
    }
}
