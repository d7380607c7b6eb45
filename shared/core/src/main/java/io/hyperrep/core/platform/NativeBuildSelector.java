package io.hyperrep.core.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Picks the ND4J native build for a CPU: the fastest build on the classpath whose instruction sets
 * the CPU has, or the one a user asked for, refused with one clear line when the CPU cannot run it
 * (loading it would kill the JVM with SIGILL) or the classpath does not hold it (JavaCPP would
 * silently fall back to the build without oneDNN, 5-10x slower for convolutions).
 */
public final class NativeBuildSelector {

    private final CpuFeatures cpu;
    private final String platform;
    private final Predicate<String> onClasspath;

    /**
     * @param os          JavaCPP's OS name ({@code linux})
     * @param onClasspath whether the native libraries of a classifier ({@code linux-x86_64-onednn}) can be loaded
     */
    public NativeBuildSelector(CpuFeatures cpu, String os, Predicate<String> onClasspath) {
        this.cpu = cpu;
        this.platform = os + "-" + cpu.arch();
        this.onClasspath = onClasspath;
    }

    /**
     * @param requested a build name, or empty / {@code auto} to choose by the CPU
     * @param source    where the request came from, for messages ({@code HYPERREP_ND4J_BUILD})
     * @throws NativeBuildException when the requested build is unknown, cannot run here or is missing
     */
    public NativeBuildChoice select(Optional<String> requested, String source) {
        Optional<String> wanted = requested.map(String::trim).filter(r -> !r.isEmpty() && !r.equalsIgnoreCase("auto"));
        return wanted.isPresent() ? requestedBuild(wanted.get(), source) : automatic();
    }

    private NativeBuildChoice requestedBuild(String name, String source) {
        String setting = source + "=" + name;
        NativeBuild build = NativeBuild.byId(name)
                .orElseThrow(() -> new NativeBuildException(
                        setting + " is not an ND4J native build; use one of auto, " + NativeBuild.ids()));
        if (!build.existsFor(cpu.arch())) {
            throw new NativeBuildException(
                    setting + ": ND4J has no " + build.id() + " build for " + cpu.arch() + "; use generic or auto");
        }
        Set<String> missing = cpu.missing(build.requiredFlags());
        if (cpu.known() && !missing.isEmpty()) {
            throw new NativeBuildException(setting + " needs a CPU with " + String.join(", ", missing)
                    + " and this one (" + cpu.summary() + ") lacks them; unset it to choose automatically");
        }
        String classifier = build.classifier(platform);
        if (!onClasspath.test(classifier)) {
            throw new NativeBuildException(setting + ": the classpath holds no " + classifier
                    + " native libraries (org.nd4j:nd4j-native:1.0.0-M2.1:" + classifier
                    + "); unset it or add that jar");
        }
        return new NativeBuildChoice(build, classifier, setting + (cpu.known() ? "" : ", CPU flags unknown"));
    }

    private NativeBuildChoice automatic() {
        List<String> passedOver = new ArrayList<>();
        for (NativeBuild build : NativeBuild.values()) {
            if (!build.existsFor(cpu.arch())) {
                continue;
            }
            Set<String> missing = cpu.known() ? cpu.missing(build.requiredFlags()) : build.requiredFlags();
            String classifier = build.classifier(platform);
            if (!missing.isEmpty()) {
                passedOver.add(build.id() + " needs " + String.join(", ", missing));
            } else if (!onClasspath.test(classifier)) {
                passedOver.add(build.id() + " not on the classpath");
            } else {
                String reason =
                        "auto: " + cpu.summary() + (passedOver.isEmpty() ? "" : "; " + String.join("; ", passedOver));
                return new NativeBuildChoice(build, classifier, reason);
            }
        }
        // Nothing loadable found: let ND4J report its missing natives for the plain build.
        return new NativeBuildChoice(
                NativeBuild.GENERIC,
                NativeBuild.GENERIC.classifier(platform),
                "auto: no known build found for " + platform);
    }
}
