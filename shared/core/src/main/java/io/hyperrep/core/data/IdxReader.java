package io.hyperrep.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files of MNIST-style datasets (optionally gzipped): big-endian int32 magic
 * (0x803 images, 0x801 labels), the count, then rows and columns for images, then unsigned bytes.
 */
public final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    private static final int MAX_COUNT = 10_000_000;

    private IdxReader() {}

    /** Reads images and labels and checks that they belong together. */
    public static ImageSet read(Path images, Path labels) {
        Raw img = readImages(images);
        byte[] lab = readLabels(labels);
        if (lab.length != img.count) {
            throw new DatasetException(labels + " holds " + lab.length + " labels but " + images + " holds " + img.count
                    + " images; the files do not belong together");
        }
        for (int i = 0; i < lab.length; i++) {
            if (lab[i] < 0 || lab[i] > 9) {
                throw new DatasetException(labels + ": label " + (lab[i] & 0xff) + " at index " + i
                        + " is outside 0..9; the file is corrupt");
            }
        }
        return new ImageSet(img.count, 1, img.rows, img.cols, img.pixels, lab);
    }

    private record Raw(int count, int rows, int cols, byte[] pixels) {}

    private static Raw readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DatasetException(file + " is not an IDX image file (magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x803)");
            }
            int count = checkedCount(file, in.readInt());
            int rows = in.readInt();
            int cols = in.readInt();
            if (rows <= 0 || cols <= 0 || rows > 4096 || cols > 4096) {
                throw new DatasetException(file + ": implausible image size " + rows + "x" + cols);
            }
            byte[] px = new byte[Math.multiplyExact(count, rows * cols)];
            in.readFully(px);
            return new Raw(count, rows, cols, px);
        } catch (EOFException e) {
            throw new DatasetException(file + " ends early: the file is truncated; reinstall the dataset", e);
        } catch (IOException e) {
            throw ioFailure(file, e);
        }
    }

    private static byte[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DatasetException(file + " is not an IDX label file (magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x801)");
            }
            byte[] labels = new byte[checkedCount(file, in.readInt())];
            in.readFully(labels);
            return labels;
        } catch (EOFException e) {
            throw new DatasetException(file + " ends early: the file is truncated; reinstall the dataset", e);
        } catch (IOException e) {
            throw ioFailure(file, e);
        }
    }

    private static int checkedCount(Path file, int count) {
        if (count <= 0 || count > MAX_COUNT) {
            throw new DatasetException(file + ": implausible item count " + count + "; the file is corrupt");
        }
        return count;
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            raw = new GZIPInputStream(raw, 1 << 16);
        }
        return new DataInputStream(raw);
    }

    private static DatasetException ioFailure(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DatasetException(file + " does not exist", e);
        }
        if (e instanceof ZipException) {
            return new DatasetException(
                    file + " is not a valid gzip file (" + e.getMessage() + "); reinstall the dataset", e);
        }
        return new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
    }
}
