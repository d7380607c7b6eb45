package io.hyperrep.core.io;

import java.nio.file.Path;

/** Paths as files and reports record them, so that what is written holds no machine-specific prefix when it need not. */
public final class PortablePaths {

    private PortablePaths() {}

    /** {@code p} relative to the working directory when it lies inside it, else absolute; normalised either way. */
    public static String portable(Path p) {
        return relativeTo(p, Path.of(""));
    }

    /** {@code p} relative to {@code base} when it lies inside it, else absolute; normalised either way. */
    public static String relativeTo(Path p, Path base) {
        Path abs = p.toAbsolutePath().normalize();
        Path root = base.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }
}
