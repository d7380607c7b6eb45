package io.hyperrep.core.platform;

/**
 * The build to load and why, for the start-up log line.
 *
 * @param classifier the jar classifier / JavaCPP library directory, e.g. {@code linux-x86_64-onednn}
 */
public record NativeBuildChoice(NativeBuild build, String classifier, String reason) {

    /** One line for logs: {@code linux-x86_64-onednn-avx512 (auto: CPU has AVX-512)}. */
    public String describe() {
        return classifier + " (" + reason + ")";
    }
}
