package io.hyperrep.core.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ND4J 1.0.0-M2.1 CPU builds hyperrep knows, in order of preference, with the CPU flags each was
 * compiled for. The oneDNN builds differ from each other only in libnd4j's own loops (oneDNN picks
 * its kernels at run time); the AVX-512 one is compiled for Skylake-X, hence its five flags.
 */
public enum NativeBuild {
    ONEDNN_AVX512(
            "onednn-avx512",
            "x86_64",
            Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma")),
    ONEDNN_AVX2("onednn-avx2", "x86_64", Set.of("avx2", "fma", "f16c")),
    ONEDNN("onednn", "x86_64", Set.of()),
    GENERIC("generic", null, Set.of());

    private final String id;
    private final String onlyArch;
    private final Set<String> requiredFlags;

    NativeBuild(String id, String onlyArch, Set<String> requiredFlags) {
        this.id = id;
        this.onlyArch = onlyArch;
        this.requiredFlags = requiredFlags;
    }

    /** The name users write ({@code HYPERREP_ND4J_BUILD=onednn}). */
    public String id() {
        return id;
    }

    public Set<String> requiredFlags() {
        return requiredFlags;
    }

    /** JavaCPP's {@code platform.extension}: the classifier suffix after the platform ({@code -onednn}, or none). */
    public String javacppExtension() {
        return this == GENERIC ? "" : "-" + id;
    }

    /** The classifier of this build's jar, e.g. {@code linux-x86_64-onednn}. */
    public String classifier(String platform) {
        return platform + javacppExtension();
    }

    /** Whether a build exists for this architecture at all (the oneDNN builds are x86-64 only). */
    public boolean existsFor(String arch) {
        return onlyArch == null || onlyArch.equals(arch);
    }

    /** The build named {@code id} (case-insensitive); the JavaCPP extension form ({@code -onednn}) is accepted too. */
    public static Optional<NativeBuild> byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(b -> b.id.equals(wanted)
                        || (!b.javacppExtension().isEmpty()
                                && b.javacppExtension().equals(wanted)))
                .findFirst();
    }

    /** The accepted names, for error messages. */
    public static String ids() {
        return Arrays.stream(values()).map(NativeBuild::id).collect(Collectors.joining(", "));
    }
}
