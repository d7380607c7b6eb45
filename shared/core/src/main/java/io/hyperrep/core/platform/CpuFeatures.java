package io.hyperrep.core.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The instruction-set flags of this machine's CPU as Linux reports them in {@code /proc/cpuinfo}
 * ({@code avx2}, {@code avx512f}, ...), and its architecture in JavaCPP's naming ({@code x86_64},
 * {@code arm64}).
 *
 * @param known false when the flags could not be read (not Linux): callers must then assume the least
 */
public record CpuFeatures(String arch, Set<String> flags, boolean known) {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    public CpuFeatures {
        flags = Set.copyOf(flags);
    }

    /** This machine: {@code os.arch} and the flags of the first processor in {@code /proc/cpuinfo}. */
    public static CpuFeatures ofThisMachine() {
        String arch = javacppArch(System.getProperty("os.arch", "unknown"));
        try {
            return parse(arch, Files.readString(CPUINFO));
        } catch (IOException | SecurityException e) {
            return new CpuFeatures(arch, Set.of(), false);
        }
    }

    /**
     * Parses {@code /proc/cpuinfo}: the first {@code flags} line (x86) or {@code Features} line (arm64).
     * A text with neither gives unknown features.
     */
    public static CpuFeatures parse(String arch, String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            if (key.equals("flags") || key.equals("Features")) {
                Set<String> flags = Arrays.stream(
                                line.substring(colon + 1).trim().split("\\s+"))
                        .filter(f -> !f.isEmpty())
                        .map(f -> f.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toCollection(TreeSet::new));
                return new CpuFeatures(arch, flags, true);
            }
        }
        return new CpuFeatures(arch, Set.of(), false);
    }

    /** JavaCPP's architecture names: the JVM's {@code amd64} is {@code x86_64}, {@code aarch64} is {@code arm64}. */
    public static String javacppArch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The flags of {@code wanted} this CPU lacks, in order. */
    public Set<String> missing(Set<String> wanted) {
        return wanted.stream().filter(f -> !flags.contains(f)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A short summary for logs: the widest vector extension this CPU has. */
    public String summary() {
        if (!known) {
            return arch + ", CPU flags unknown";
        }
        if (!arch.equals("x86_64")) {
            return arch + (has("asimd") ? " with NEON" : "");
        }
        if (has("avx512f")) {
            return arch + " with AVX-512";
        }
        if (has("avx2")) {
            return arch + " with AVX2, no AVX-512";
        }
        return arch + " without AVX2";
    }
}
