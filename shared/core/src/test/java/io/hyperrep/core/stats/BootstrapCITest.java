package io.hyperrep.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BootstrapCITest {

    private static final double[] ACCURACIES = {
        0.81, 0.79, 0.84, 0.77, 0.83, 0.80, 0.86, 0.78, 0.82, 0.85, 0.64, 0.81, 0.80, 0.83, 0.79, 0.88, 0.72, 0.81,
        0.84, 0.80
    };

    @Test
    void shouldCoverTheTrueMeanOfNormalSamplesAtAboutTheNominalRate() {
        Random rng = new Random(7);
        BootstrapCI ci = new BootstrapCI(1000, 0.95, BootstrapCI.Method.PERCENTILE);
        int covered = 0;
        int trials = 100;
        for (int t = 0; t < trials; t++) {
            double[] v = new double[50];
            for (int i = 0; i < v.length; i++) {
                v[i] = 3 + 2 * rng.nextGaussian();
            }
            BootstrapCI.Intervals r = ci.of(v, t);
            assertTrue(r.mean().low() < r.mean().high());
            if (r.mean().contains(3)) {
                covered++;
            }
        }
        // Binomial(100, ~0.94): 0.85 is more than 3.5 standard deviations below.
        assertTrue(covered >= 0.85 * trials && covered <= trials, "covered " + covered + " of " + trials);
    }

    @Test
    void shouldBeDeterministicPerSeed() {
        BootstrapCI ci = BootstrapCI.defaults();
        BootstrapCI.Intervals a = ci.of(ACCURACIES, 42);
        assertEquals(a, ci.of(ACCURACIES, 42));
        assertNotEquals(a.mean(), ci.of(ACCURACIES, 43).mean());
    }

    @Test
    void shouldAgreeWithScipyUpToResamplingNoise() {
        // scipy.stats.bootstrap((d,), stat, n_resamples=200000, random_state=42): percentile and BCa.
        BootstrapCI.Intervals p = new BootstrapCI(20_000, 0.95, BootstrapCI.Method.PERCENTILE).of(ACCURACIES, 1);
        assertEquals(0.7795, p.mean().low(), 0.003);
        assertEquals(0.8235, p.mean().high(), 0.003);
        assertEquals(0.795, p.median().low(), 0.0051);
        assertEquals(0.83, p.median().high(), 0.0051);
        BootstrapCI.Intervals bca = new BootstrapCI(20_000, 0.95, BootstrapCI.Method.BCA).of(ACCURACIES, 1);
        assertEquals(0.7735, bca.mean().low(), 0.003);
        assertEquals(0.821, bca.mean().high(), 0.003);
        assertEquals(0.80, bca.median().low(), 0.0051);
        assertEquals(0.835, bca.median().high(), 0.0051);
    }

    @Test
    void shouldGiveAPointIntervalForAConstantSample() {
        for (BootstrapCI.Method m : BootstrapCI.Method.values()) {
            BootstrapCI.Intervals r = new BootstrapCI(100, 0.95, m).of(new double[] {0.5, 0.5, 0.5}, 1);
            assertEquals(new BootstrapCI.Interval(0.5, 0.5), r.mean(), m.name());
            assertEquals(new BootstrapCI.Interval(0.5, 0.5), r.median(), m.name());
        }
    }

    @Test
    void shouldRejectBadSettingsAndInputs() {
        assertThrows(IllegalArgumentException.class, () -> new BootstrapCI(1, 0.95, BootstrapCI.Method.PERCENTILE));
        assertThrows(IllegalArgumentException.class, () -> new BootstrapCI(100, 1.0, BootstrapCI.Method.PERCENTILE));
        assertThrows(
                IllegalArgumentException.class, () -> BootstrapCI.defaults().of(new double[0], 1));
        assertThrows(
                IllegalArgumentException.class, () -> BootstrapCI.defaults().of(new double[] {1, Double.NaN}, 1));
    }

    @Test
    void shouldCombineSummaryAndIntervalsInPopulationStats() {
        PopulationStats s = PopulationStats.of(ACCURACIES, 42);
        assertEquals(Summary.of(ACCURACIES), s.summary());
        assertEquals(BootstrapCI.defaults().of(ACCURACIES, 42), s.intervals());
        assertTrue(s.intervals().mean().contains(s.summary().mean()));
        assertTrue(s.intervals().median().contains(s.summary().median()));
    }
}
