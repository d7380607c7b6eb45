package io.hyperrep.core.platform;

import java.util.Locale;
import java.util.Optional;

/**
 * Sets JavaCPP's {@code org.bytedeco.javacpp.platform.extension} for this JVM before ND4J loads, so
 * that JavaCPP loads the build the CPU can run. Idempotent; every path into ND4J calls it first: the
 * CLI's main, {@code ml.nd.Backend}, and the test suite's launcher-session listener (testkit), so an
 * embedding application or an IDE run that goes through {@code Backend} is covered too.
 *
 * <p>The request comes from the system property {@value #PROPERTY}, else the environment variable
 * {@value #ENV}, else a {@code -Dorg.bytedeco.javacpp.platform.extension} set by hand (validated like
 * the others), else the CPU decides.
 */
public final class NativeBuildGuard {

    public static final String ENV = "HYPERREP_ND4J_BUILD";
    public static final String PROPERTY = "hyperrep.nd4j.build";
    static final String JAVACPP_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/";

    private static NativeBuildChoice applied;

    private NativeBuildGuard() {}

    /**
     * Chooses the build once per JVM and sets JavaCPP's property; later calls return the first choice.
     *
     * @throws NativeBuildException (one line) when the requested build cannot run here or is missing
     */
    public static synchronized NativeBuildChoice apply() {
        if (applied == null) {
            NativeBuildChoice choice = choose(CpuFeatures.ofThisMachine(), System.getenv(ENV));
            System.setProperty(JAVACPP_EXTENSION, choice.build().javacppExtension());
            applied = choice;
        }
        return applied;
    }

    /** The choice {@link #apply} made, if it ran. */
    public static synchronized Optional<NativeBuildChoice> applied() {
        return Optional.ofNullable(applied);
    }

    static NativeBuildChoice choose(CpuFeatures cpu, String env) {
        NativeBuildSelector selector = new NativeBuildSelector(cpu, javacppOs(), NativeBuildGuard::onClasspath);
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return selector.select(Optional.of(property), "-D" + PROPERTY);
        }
        if (env != null && !env.isBlank()) {
            return selector.select(Optional.of(env), ENV);
        }
        String javacpp = System.getProperty(JAVACPP_EXTENSION);
        if (javacpp != null) {
            return selector.select(
                    Optional.of(javacpp.isEmpty() ? NativeBuild.GENERIC.id() : javacpp), "-D" + JAVACPP_EXTENSION);
        }
        return selector.select(Optional.empty(), "auto");
    }

    /** Whether the native libraries of {@code classifier} are on the classpath (each build is its own jar). */
    static boolean onClasspath(String classifier) {
        ClassLoader loader = NativeBuildGuard.class.getClassLoader();
        return loader != null && loader.getResource(BINDINGS + classifier + "/") != null;
    }

    private static String javacppOs() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return "linux";
        }
        if (os.startsWith("mac")) {
            return "macosx";
        }
        return os.startsWith("windows") ? "windows" : os;
    }
}
