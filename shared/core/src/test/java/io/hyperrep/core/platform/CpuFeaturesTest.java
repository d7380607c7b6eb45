package io.hyperrep.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CpuFeaturesTest {

    static final String EPYC_AVX2 = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC 7B12
            flags\t\t: fpu vme sse sse2 ssse3 fma cx16 sse4_1 sse4_2 avx f16c avx2 bmi2
            bugs\t\t: sysret_ss_attrs
            """;

    static final String XEON_AVX512 = """
            processor\t: 0
            flags\t\t: fpu sse2 avx f16c fma avx2 avx512f avx512dq avx512cd avx512bw avx512vl
            processor\t: 1
            flags\t\t: fpu sse2
            """;

    static final String GRAVITON = """
            processor\t: 0
            BogoMIPS\t: 243.75
            Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid
            """;

    @Test
    void readsTheFirstProcessorsFlags() {
        CpuFeatures cpu = CpuFeatures.parse("x86_64", XEON_AVX512);
        assertTrue(cpu.known());
        assertTrue(cpu.has("avx512bw"));
        assertEquals("x86_64 with AVX-512", cpu.summary());
    }

    @Test
    void anAvx2MachineLacksTheAvx512Flags() {
        CpuFeatures cpu = CpuFeatures.parse("x86_64", EPYC_AVX2);
        assertTrue(cpu.has("avx2"));
        assertEquals(Set.of("avx512f", "avx512bw"), cpu.missing(Set.of("avx512f", "avx512bw", "fma")));
        assertEquals("x86_64 with AVX2, no AVX-512", cpu.summary());
    }

    @Test
    void readsArmFeatures() {
        CpuFeatures cpu = CpuFeatures.parse("arm64", GRAVITON);
        assertTrue(cpu.has("asimd"));
        assertEquals("arm64 with NEON", cpu.summary());
    }

    @Test
    void aTextWithoutFlagsIsUnknown() {
        CpuFeatures cpu = CpuFeatures.parse("x86_64", "processor : 0\nmodel name : ?\n");
        assertFalse(cpu.known());
        assertEquals("x86_64, CPU flags unknown", cpu.summary());
    }

    @Test
    void mapsJvmArchitectureNamesToJavacpps() {
        assertEquals("x86_64", CpuFeatures.javacppArch("amd64"));
        assertEquals("arm64", CpuFeatures.javacppArch("aarch64"));
        assertEquals("ppc64le", CpuFeatures.javacppArch("ppc64le"));
    }
}
