package io.hyperrep.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The chart renders what it was given, the same way every time it is asked. */
class SvgLineChartTest {

    static SvgLineChart chart() {
        double[] x = {1, 2, 3};
        return new SvgLineChart("accuracy", "epoch", "test accuracy")
                .background(x, new double[] {0.5, 0.6, 0.7}, "#4477aa")
                .band(x, new double[] {0.4, 0.5, 0.6}, new double[] {0.6, 0.7, 0.8}, "#cc6677", "min-max")
                .line(x, new double[] {0.5, 0.6, 0.7}, "#cc3311", "mean");
    }

    @Test
    void shouldRenderTheSameSvgEveryTime() {
        SvgLineChart c = chart();
        String first = c.render();
        assertEquals(first, c.render(), "a second render neither pads the range again nor repeats the series");
        assertEquals(chart().render(), first, "as a fresh chart of the same series");
        assertEquals(1, count(first, "<polygon "), "one band");
        assertEquals(2, count(first, "<polyline "), "one background series and one line");
        assertEquals(3, count(first, "<circle "), "a marker per point of the line");
    }

    @Test
    void shouldIncludeASeriesAddedAfterARender() {
        SvgLineChart c = chart();
        c.render();
        String more = c.line(new double[] {1, 2, 3}, new double[] {0.3, 0.4, 0.5}, "#117733", "other")
                .render();
        assertEquals(3, count(more, "<polyline "));
        assertTrue(more.contains(">other</text>"), "its legend entry");
    }

    @Test
    void shouldRefuseToRenderNothing() {
        assertThrows(IllegalStateException.class, () -> new SvgLineChart("t", "x", "y").render());
    }

    @Test
    void shouldRefuseASeriesWhoseXAndYDiffer() {
        assertThrows(IllegalArgumentException.class, () -> new SvgLineChart("t", "x", "y")
                .line(new double[] {1, 2}, new double[] {1}, "#000", "l"));
    }

    @Test
    void shouldDrawOnTheSharedAxes() {
        String svg = chart().render();
        // Axis.covering widens 0.4..0.8 to nice ticks, labelled like the other plots' axes
        assertTrue(svg.contains(">0.4</text>") && svg.contains(">0.8</text>"), svg);
        assertTrue(svg.contains(">min-max</text>") && svg.contains(">mean</text>"), "legend entries");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
