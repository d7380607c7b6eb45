package io.hyperrep.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeBuildSelectorTest {

    /** What the project's classpath ships on x86-64 (see shared/ml/pom.xml) and on arm64. */
    static final Set<String> SHIPPED =
            Set.of("linux-x86_64-onednn-avx512", "linux-x86_64-onednn", "linux-x86_64", "linux-arm64");

    static final CpuFeatures AVX512 = CpuFeatures.parse("x86_64", CpuFeaturesTest.XEON_AVX512);
    static final CpuFeatures AVX2 = CpuFeatures.parse("x86_64", CpuFeaturesTest.EPYC_AVX2);
    static final CpuFeatures ARM = CpuFeatures.parse("arm64", CpuFeaturesTest.GRAVITON);

    static NativeBuildChoice auto(CpuFeatures cpu, Set<String> classpath) {
        return new NativeBuildSelector(cpu, "linux", classpath::contains).select(Optional.empty(), "auto");
    }

    static NativeBuildChoice requested(CpuFeatures cpu, String name) {
        return new NativeBuildSelector(cpu, "linux", SHIPPED::contains)
                .select(Optional.of(name), "HYPERREP_ND4J_BUILD");
    }

    @Test
    void anAvx512CpuGetsTheAvx512Build() {
        NativeBuildChoice choice = auto(AVX512, SHIPPED);
        assertEquals(NativeBuild.ONEDNN_AVX512, choice.build());
        assertEquals("linux-x86_64-onednn-avx512", choice.classifier());
        assertTrue(choice.reason().contains("AVX-512"), choice.reason());
    }

    @Test
    void anAvx2CpuGetsThePortableOneDnnBuildAndIsToldWhy() {
        NativeBuildChoice choice = auto(AVX2, SHIPPED);
        assertEquals(NativeBuild.ONEDNN, choice.build());
        assertEquals("-onednn", choice.build().javacppExtension());
        assertTrue(
                choice.reason().contains("onednn-avx512 needs avx512bw, avx512cd, avx512dq, avx512f, avx512vl"),
                choice.reason());
        assertTrue(choice.reason().contains("onednn-avx2 not on the classpath"), choice.reason());
    }

    @Test
    void anAvx2CpuPrefersTheAvx2BuildWhenItIsThere() {
        Set<String> withAvx2 = Set.of("linux-x86_64-onednn-avx512", "linux-x86_64-onednn-avx2", "linux-x86_64-onednn");
        assertEquals(NativeBuild.ONEDNN_AVX2, auto(AVX2, withAvx2).build());
        assertEquals(NativeBuild.ONEDNN_AVX512, auto(AVX512, withAvx2).build());
    }

    @Test
    void unknownFlagsGetThePortableBuild() {
        CpuFeatures unknown = new CpuFeatures("x86_64", Set.of(), false);
        assertEquals(NativeBuild.ONEDNN, auto(unknown, SHIPPED).build());
    }

    @Test
    void arm64GetsThePlainBuild() {
        NativeBuildChoice choice = auto(ARM, SHIPPED);
        assertEquals(NativeBuild.GENERIC, choice.build());
        assertEquals("linux-arm64", choice.classifier());
        assertEquals("", choice.build().javacppExtension());
    }

    @Test
    void anExplicitPortableChoiceWinsOnAnAvx512Cpu() {
        NativeBuildChoice choice = requested(AVX512, "onednn");
        assertEquals(NativeBuild.ONEDNN, choice.build());
        assertEquals("HYPERREP_ND4J_BUILD=onednn", choice.reason());
        assertEquals(NativeBuild.ONEDNN, requested(AVX512, "-onednn").build()); // JavaCPP's spelling
        assertEquals(NativeBuild.GENERIC, requested(AVX512, "generic").build());
        assertEquals(NativeBuild.ONEDNN_AVX512, requested(AVX512, "AUTO").build());
    }

    @Test
    void anAvx512RequestOnAnAvx2CpuFailsWithOneClearLine() {
        NativeBuildException e = assertThrows(NativeBuildException.class, () -> requested(AVX2, "onednn-avx512"));
        assertEquals(
                "HYPERREP_ND4J_BUILD=onednn-avx512 needs a CPU with avx512bw, avx512cd, avx512dq, avx512f, avx512vl"
                        + " and this one (x86_64 with AVX2, no AVX-512) lacks them; unset it to choose automatically",
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void unknownMissingAndForeignBuildsAreRefused() {
        assertEquals(
                "HYPERREP_ND4J_BUILD=avx9000 is not an ND4J native build; use one of auto, onednn-avx512, onednn-avx2, onednn, generic",
                assertThrows(NativeBuildException.class, () -> requested(AVX512, "avx9000"))
                        .getMessage());
        assertTrue(assertThrows(NativeBuildException.class, () -> requested(AVX2, "onednn-avx2"))
                .getMessage()
                .contains("the classpath holds no linux-x86_64-onednn-avx2 native libraries"));
        assertTrue(assertThrows(NativeBuildException.class, () -> requested(ARM, "onednn"))
                .getMessage()
                .contains("ND4J has no onednn build for arm64"));
    }
}
