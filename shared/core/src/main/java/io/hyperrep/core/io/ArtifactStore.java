package io.hyperrep.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A content-addressed store of artifacts (autoencoder directories) on a filesystem that every worker
 * can reach: {@code <root>/sha256/<digest>/...}. The digest of a directory is the sha256 of its
 * sorted {@code "<relative path> <sha256 of file>\n"} lines, so equal content has an equal address,
 * storing is idempotent, and a reader can verify what it got. Also holds the resumable state of
 * jobs under {@code <root>/jobs/<jobId>/}, so a job whose worker died resumes on another.
 */
public final class ArtifactStore {

    private final Path root;

    public ArtifactStore(Path root) {
        this.root = root.toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    /** A stored artifact: its address and where it lives. */
    public record Ref(String sha256, String uri) {}

    /** Copies the files of {@code dir} selected by {@code include} into the store; returns its address. */
    public Ref put(Path dir, java.util.function.Predicate<Path> include) {
        SortedMap<String, Path> files = files(dir, include);
        if (files.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds no files to store");
        }
        String digest = digest(files);
        Path target = root.resolve("sha256").resolve(digest);
        if (!Files.isDirectory(target)) {
            Path tmp = root.resolve("tmp")
                    .resolve(digest + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            try {
                for (var e : files.entrySet()) {
                    Path to = tmp.resolve(e.getKey());
                    Files.createDirectories(to.getParent());
                    Files.copy(e.getValue(), to, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.createDirectories(target.getParent());
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                deleteQuietly(tmp); // another worker stored the same content first
            } catch (IOException e) {
                deleteQuietly(tmp);
                throw new UncheckedIOException("cannot store " + dir + " in " + root + ": " + e.getMessage(), e);
            }
        }
        return new Ref(digest, target.toUri().toString());
    }

    /** The stored directory of {@code sha256}, verified against its address. */
    public Path get(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256 artifact address: " + sha256);
        }
        Path dir = root.resolve("sha256").resolve(sha256);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("artifact " + sha256 + " is not in the store at " + root);
        }
        String actual = digest(files(dir, p -> true));
        if (!actual.equals(sha256)) {
            throw new IllegalStateException(
                    "artifact " + sha256 + " in " + root + " is corrupt (content hashes to " + actual + ")");
        }
        return dir;
    }

    /** The working directory of a job (created if missing): where its resumable state lives. */
    public Path jobDir(String jobId) {
        if (jobId == null || !jobId.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException("job id must match [A-Za-z0-9._-]{1,200}: " + jobId);
        }
        Path dir = root.resolve("jobs").resolve(jobId);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return dir;
    }

    private static SortedMap<String, Path> files(Path dir, java.util.function.Predicate<Path> include) {
        TreeMap<String, Path> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile)
                    .filter(include)
                    .forEach(p -> out.put(dir.relativize(p).toString().replace('\\', '/'), p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }

    private static String digest(SortedMap<String, Path> files) {
        StringBuilder lines = new StringBuilder();
        for (var e : files.entrySet()) {
            lines.append(e.getKey()).append(' ').append(sha256(e.getValue())).append('\n');
        }
        return hex(sha().digest(lines.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The sha256 (hex) of a file's bytes. */
    public static String sha256(Path file) {
        MessageDigest md = sha();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return hex(md.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover temp directory is harmless; the next put of the same content skips it
        }
    }
}
