package io.hyperrep.report.plot;

/**
 * A chart's size and the margins around its plot area, in pixels: the plot area runs from {@code left} to
 * {@code width - right} across and from {@code top} down to {@code height - bottom}.
 */
record Frame(int width, int height, int left, int right, int top, int bottom) {

    /** The same margins and height around a plot area {@code plotWidth} wide (charts that grow with their data). */
    Frame withPlotWidth(int plotWidth) {
        return new Frame(left + plotWidth + right, height, left, right, top, bottom);
    }

    /** The x of the plot area's right edge. */
    int plotRight() {
        return width - right;
    }

    /** The y of the plot area's bottom edge (where the x axis runs). */
    int plotBottom() {
        return height - bottom;
    }

    /** An x axis across the plot area with about {@code ticks} ticks. */
    Axis xAxis(double lo, double hi, int ticks) {
        return Axis.covering(lo, hi, ticks, left, plotRight());
    }

    /** An x axis for integer data (mostly epochs): about one tick per unit, at most ten. */
    Axis unitXAxis(double lo, double hi) {
        return xAxis(lo, Math.max(hi, lo + 1), (int) Math.min(10, Math.max(1, hi - lo)));
    }

    /** A y axis up the plot area with about six ticks. */
    Axis yAxis(double lo, double hi) {
        return Axis.covering(lo, hi, 6, plotBottom(), top);
    }

    /** The document head, title, y grid and x axis: how every x-y chart starts. */
    StringBuilder open(Labels labels, Axis x, Axis y) {
        StringBuilder s = new StringBuilder(Svg.open(width, height, labels.title()));
        s.append(Svg.yAxis(y, left, plotRight(), labels.yScale(), labels.yLabel()));
        s.append(Svg.xAxis(x, plotBottom(), 1, labels.xLabel()));
        return s;
    }
}
