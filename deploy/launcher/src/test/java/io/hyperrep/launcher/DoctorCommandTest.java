package io.hyperrep.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.platform.NativeBuildGuard;
import io.hyperrep.ml.nd.Backend;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code hyperrep doctor} through the launcher's command line: it names the build that really runs, and trains on it. */
class DoctorCommandTest {

    @BeforeAll
    static void init() {
        Backend.init(); // installs ND4J's stdout filter first, so the command's output can be captured
    }

    @Test
    void reportsTheChosenAndLoadedBuildAndAWorkingTrainingCheck() {
        SampleCommandTest.Outcome o = SampleCommandTest.run("doctor");
        assertEquals(0, o.code(), o.out() + o.err());
        String chosen = NativeBuildGuard.applied().orElseThrow().classifier();
        assertTrue(o.out().contains("nd4j chosen:  " + chosen + " ("), o.out());
        assertTrue(o.out().contains("nd4j loaded:  " + chosen), o.out());
        assertEquals(chosen, Backend.loadedNativeBuild().orElseThrow());
        assertTrue(o.out().contains("-bit float vectors"), o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.startsWith("training:") && l.contains("test accuracy")), o.out());
        assertTrue(o.out().trim().endsWith("ok"), o.out());
    }
}
