package io.hyperrep.core.nn.train;

import io.hyperrep.core.io.AtomicFiles;
import io.hyperrep.core.zoo.ZooRecipe;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A {@link LaneTrainer}'s resumable state in one binary file: per model its canonical weights and Adam
 * moments (canonical order, so a state saved with AVX-512 resumes with AVX2), the Adam step count and the
 * epochs done. Layout: magic, format version, architecture id, models, parameters, seeds, epochs done, Adam
 * steps, then per model weights, first moment, second moment (big-endian floats).
 */
public final class LaneTrainingState {

    private static final byte[] MAGIC = "HRLANES\n".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private LaneTrainingState() {}

    /** Whether {@code file} starts like a state written by {@link #save} (others are, e.g., SameDiff files). */
    public static boolean isLaneState(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /** Saves atomically (temp file, then rename). */
    public static void save(LaneTrainer trainer, Path file) {
        float[][] w = trainer.weights();
        float[][][] moments = trainer.moments();
        long[] seeds = trainer.seeds();
        try {
            AtomicFiles.write(file, tmp -> {
                try (DataOutputStream out =
                        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                    out.write(MAGIC);
                    out.writeInt(VERSION);
                    out.writeUTF(trainer.recipe().arch());
                    out.writeInt(w.length);
                    out.writeInt(w[0].length);
                    for (long s : seeds) {
                        out.writeLong(s);
                    }
                    out.writeInt(trainer.epochsDone());
                    out.writeLong(trainer.adamSteps());
                    for (int m = 0; m < w.length; m++) {
                        writeFloats(out, w[m]);
                        writeFloats(out, moments[0][m]);
                        writeFloats(out, moments[1][m]);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save training state to " + file, e);
        }
    }

    /**
     * Restores a trainer saved by {@link #save} for the same models ({@code seeds}) and architecture; the
     * optimiser's settings come from {@code adam}.
     */
    public static LaneTrainer restore(ZooRecipe recipe, AdamSettings adam, long[] seeds, Path file, int threads) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC) || in.readInt() != VERSION) {
                throw new IllegalStateException(file + " is not a training-kernel state (version " + VERSION + ")");
            }
            String arch = in.readUTF();
            int models = in.readInt();
            int params = in.readInt();
            if (!arch.equals(recipe.arch()) || models != seeds.length) {
                throw new IllegalStateException(file + " holds " + models + " " + arch + " models, expected "
                        + seeds.length + " " + recipe.arch());
            }
            for (long s : seeds) {
                if (in.readLong() != s) {
                    throw new IllegalStateException(file + " was saved for other model seeds");
                }
            }
            int epochsDone = in.readInt();
            long adamSteps = in.readLong();
            float[][] w = new float[models][];
            float[][] first = new float[models][];
            float[][] second = new float[models][];
            for (int m = 0; m < models; m++) {
                w[m] = readFloats(in, params);
                first[m] = readFloats(in, params);
                second[m] = readFloats(in, params);
            }
            LaneTrainer t = new LaneTrainer(recipe, adam, seeds, w, epochsDone, adamSteps, threads);
            t.restoreMoments(first, second);
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training state " + file, e);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        for (float f : v) {
            out.writeFloat(f);
        }
    }

    private static float[] readFloats(DataInputStream in, int n) throws IOException {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }
}
