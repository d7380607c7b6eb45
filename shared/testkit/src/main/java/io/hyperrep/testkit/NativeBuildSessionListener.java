package io.hyperrep.testkit;

import io.hyperrep.core.platform.NativeBuildGuard;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses ND4J's native build before any test class runs, in Surefire's fork and in an IDE alike:
 * a test that touches {@code Nd4j} before {@code Backend.init()} would otherwise let JavaCPP load the
 * AVX-512 build on a CPU without it (SIGILL, "The forked VM terminated without properly saying
 * goodbye"). Registered in {@code META-INF/services}; {@code HYPERREP_ND4J_BUILD} overrides as everywhere.
 */
public final class NativeBuildSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeBuildGuard.apply();
    }
}
