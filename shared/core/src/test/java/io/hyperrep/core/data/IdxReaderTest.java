package io.hyperrep.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    static void writeImages(Path f, int magic, int n, int rows, int cols, int bytes) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(f)))) {
            out.writeInt(magic);
            out.writeInt(n);
            out.writeInt(rows);
            out.writeInt(cols);
            for (int i = 0; i < bytes; i++) {
                out.write(i & 0xff);
            }
        }
    }

    static void writeLabels(Path f, int n, int value) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(f)))) {
            out.writeInt(IdxReader.LABELS_MAGIC);
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.write(value >= 0 ? value : i % 10);
            }
        }
    }

    /** Reading i.gz with l.gz must fail, saying {@code expected}. */
    private void assertReadFails(String expected) {
        String message = assertThrows(
                        DatasetException.class, () -> IdxReader.read(dir.resolve("i.gz"), dir.resolve("l.gz")))
                .getMessage();
        assertTrue(message.contains(expected), message);
    }

    @Test
    void shouldReadImagesAndLabels() throws IOException {
        writeImages(dir.resolve("i.gz"), IdxReader.IMAGES_MAGIC, 3, 2, 2, 12);
        writeLabels(dir.resolve("l.gz"), 3, -1);
        ImageSet s = IdxReader.read(dir.resolve("i.gz"), dir.resolve("l.gz"));
        assertEquals(3, s.count());
        assertEquals(4, s.imageSize());
        assertArrayEquals(new byte[] {0, 1, 2}, s.labels());
        assertEquals(5, s.pixels()[5]);
    }

    @Test
    void shouldExplainAWrongMagicNumber() throws IOException {
        writeImages(dir.resolve("i.gz"), 0x1234, 3, 2, 2, 12);
        writeLabels(dir.resolve("l.gz"), 3, -1);
        assertReadFails("not an IDX image file");
    }

    @Test
    void shouldExplainATruncatedFile() throws IOException {
        writeImages(dir.resolve("i.gz"), IdxReader.IMAGES_MAGIC, 3, 2, 2, 7);
        writeLabels(dir.resolve("l.gz"), 3, -1);
        assertReadFails("truncated");
    }

    @Test
    void shouldRejectMismatchedCountsAndBadLabels() throws IOException {
        writeImages(dir.resolve("i.gz"), IdxReader.IMAGES_MAGIC, 3, 2, 2, 12);
        writeLabels(dir.resolve("l.gz"), 2, -1);
        assertReadFails("do not belong together");
        writeLabels(dir.resolve("l.gz"), 3, 42);
        assertReadFails("outside 0..9");
    }

    @Test
    void shouldExplainANonGzipFileAndAMissingOne() throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve("i.gz"))) {
            out.write("not gzip".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        writeLabels(dir.resolve("l.gz"), 3, -1);
        assertReadFails("not a valid gzip file");
        assertTrue(
                assertThrows(DatasetException.class, () -> IdxReader.read(dir.resolve("nope.gz"), dir.resolve("l.gz")))
                        .getMessage()
                        .contains("does not exist"));
    }
}
