package io.hyperrep.zoo.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseCurveTest {

    // accuracy falls and novelty rises with σ; given out of order to show the curve sorts by σ
    static final NoiseCurve CURVE = new NoiseCurve(List.of(
            new NoiseCurve.Point("noise-0.04", 0.04, 0.60, 0.50, 0.40),
            new NoiseCurve.Point("noise-0.01", 0.01, 0.84, 0.10, 0.80),
            new NoiseCurve.Point("noise-0.02", 0.02, 0.80, 0.30, 0.60)));

    @Test
    void shouldInterpolateLinearlyInAccuracyBetweenTheBracketingPoints() {
        // 0.70 lies halfway between 0.80 (σ 0.02) and 0.60 (σ 0.04): ratio 0.40, IoU 0.50
        NoiseCurve.Placement at = CURVE.at(0.70, 0.41, 0.49);
        assertTrue(at.comparable());
        assertEquals(List.of("noise-0.02", "noise-0.04"), at.bracket());
        assertEquals(0.40, at.noiseRatio(), 1e-12);
        assertEquals(0.50, at.noiseMaxIoU(), 1e-12);
        assertTrue(at.moreNovel());
        assertFalse(CURVE.at(0.70, 0.41, 0.50).moreNovel(), "strictly: an equal IoU is not more novel");
        assertFalse(CURVE.at(0.70, 0.39, 0.10).moreNovel(), "both axes");
        // 0.83: a quarter of the way from 0.84 to 0.80: ratio 0.15, IoU 0.75
        NoiseCurve.Placement near = CURVE.at(0.83, 0.2, 0.7);
        assertEquals(0.15, near.noiseRatio(), 1e-12);
        assertEquals(0.75, near.noiseMaxIoU(), 1e-12);
    }

    @Test
    void shouldRefuseToCompareOutsideTheCurvesAccuracyRange() {
        assertFalse(CURVE.at(0.90, 5, 0).comparable(), "more accurate than the least noisy population");
        assertFalse(CURVE.at(0.50, 5, 0).comparable());
        assertFalse(CURVE.at(0.90, 5, 0).moreNovel());
        assertTrue(CURVE.at(0.84, 0.2, 0.7).comparable(), "the end point itself is on the curve");
        assertFalse(
                new NoiseCurve(List.of(new NoiseCurve.Point("noise-0.02", 0.02, 0.8, 0.3, 0.6)))
                        .at(0.8, 1, 0)
                        .comparable(),
                "one point is no curve");
    }

    @Test
    void shouldCompareWithTheMostNovelCrossingWhereAccuracyIsNotMonotoneInSigma() {
        NoiseCurve wavy = new NoiseCurve(List.of(
                new NoiseCurve.Point("a", 0.01, 0.80, 0.1, 0.8),
                new NoiseCurve.Point("b", 0.02, 0.60, 0.3, 0.6),
                new NoiseCurve.Point("c", 0.03, 0.80, 0.5, 0.4)));
        NoiseCurve.Placement at = wavy.at(0.70, 0.35, 0.45);
        assertEquals(0.4, at.noiseRatio(), 1e-12, "the a-b crossing has 0.2, the b-c one 0.4");
        assertEquals(0.5, at.noiseMaxIoU(), 1e-12);
        assertFalse(at.moreNovel());
    }
}
