package io.hyperrep.report.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * A scatter plot of several coloured series with optional vertical reference lines, connected paths whose
 * points carry labels (a curve over a parameter, e.g. noise σ or fine-tuning epochs) and single labelled
 * markers (reference points). Dependency-free SVG.
 */
public final class SvgScatterPlot {

    /** Wide right margin: the legend stands there. */
    private static final Frame FRAME = new Frame(760, 460, 70, 190, 40, 60);

    private record Series(String label, String color, double[] x, double[] y, boolean hollow) {}

    private record Reference(double x, String label) {}

    private record Path(String label, String color, double[] x, double[] y, String[] pointLabels, boolean dashed) {}

    private record Marker(String label, String color, double x, double y) {}

    private final Labels labels;
    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<Path> paths = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();

    /** @param yScale multiplies y values for tick labels (100 shows fractions as percent) */
    public SvgScatterPlot(String title, String xLabel, String yLabel, double yScale) {
        this.labels = new Labels(title, xLabel, yLabel, yScale);
    }

    /** A series of filled dots ({@code hollow} draws rings, e.g. for baselines). */
    public SvgScatterPlot series(String label, String color, double[] x, double[] y, boolean hollow) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "series " + label + " has " + x.length + " x but " + y.length + " y values");
        }
        series.add(new Series(label, color, x.clone(), y.clone(), hollow));
        return this;
    }

    /** Points joined in the given order, each with a small label next to it (e.g. its σ). */
    public SvgScatterPlot path(
            String label, String color, double[] x, double[] y, String[] pointLabels, boolean dashed) {
        if (x.length != y.length || x.length != pointLabels.length) {
            throw new IllegalArgumentException("path " + label + " needs as many x, y and labels");
        }
        paths.add(new Path(label, color, x.clone(), y.clone(), pointLabels.clone(), dashed));
        return this;
    }

    /** One labelled diamond, e.g. a reference population's mean. */
    public SvgScatterPlot marker(String label, String color, double x, double y) {
        markers.add(new Marker(label, color, x, y));
        return this;
    }

    /** A dashed vertical line at {@code x}. */
    public SvgScatterPlot reference(double x, String label) {
        references.add(new Reference(x, label));
        return this;
    }

    public String render() {
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        series.forEach(ser -> {
            xs.add(ser.x);
            ys.add(ser.y);
        });
        paths.forEach(p -> {
            xs.add(p.x);
            ys.add(p.y);
        });
        markers.forEach(m -> {
            xs.add(new double[] {m.x});
            ys.add(new double[] {m.y});
        });
        if (xs.stream().allMatch(v -> v.length == 0)) {
            throw new IllegalStateException("nothing to plot");
        }
        DoubleSummaryStatistics xRange = finiteRange(xs);
        double xlo = xRange.getMin();
        double xhi = xRange.getMax();
        for (Reference r : references) {
            xlo = Math.min(xlo, r.x);
            xhi = Math.max(xhi, r.x);
        }
        DoubleSummaryStatistics yRange = finiteRange(ys);
        double ylo = yRange.getMin();
        double yhi = yRange.getMax();
        // 3% padding, so that points on the data range's edge are not cut by the axes.
        double xpad = 0.03 * (xhi - xlo);
        double ypad = 0.03 * (yhi - ylo);
        Axis x = FRAME.xAxis(xlo - xpad, xhi + xpad, 8);
        Axis y = FRAME.yAxis(ylo - ypad, yhi + ypad);
        StringBuilder s = FRAME.open(labels, x, y);
        for (Reference r : references) {
            double px = x.pixel(r.x);
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#555\" stroke-dasharray=\"5,4\"/>%n",
                    px,
                    px,
                    FRAME.top(),
                    FRAME.plotBottom()));
            boolean leftOfLine = px > (FRAME.left() + FRAME.plotRight()) / 2.0;
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#555\" text-anchor=\"%s\">%s</text>%n",
                    leftOfLine ? px - 3 : px + 3,
                    FRAME.top() + 10,
                    leftOfLine ? "end" : "start",
                    Svg.esc(r.label)));
        }
        List<String[]> legend = new ArrayList<>();
        for (Series ser : series) {
            for (int i = 0; i < ser.x.length; i++) {
                s.append(
                        ser.hollow
                                ? String.format(
                                        Locale.ROOT,
                                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.3\"/>%n",
                                        x.pixel(ser.x[i]),
                                        y.pixel(ser.y[i]),
                                        ser.color)
                                : String.format(
                                        Locale.ROOT,
                                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" fill-opacity=\"0.75\"/>%n",
                                        x.pixel(ser.x[i]),
                                        y.pixel(ser.y[i]),
                                        ser.color));
            }
            legend.add(new String[] {ser.color, ser.label + " (" + ser.x.length + ")"});
        }
        for (Path p : paths) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < p.x.length; i++) {
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.pixel(p.x[i]), y.pixel(p.y[i])));
            }
            s.append(Svg.polyline(line, p.color, "2", p.dashed));
            for (int i = 0; i < p.x.length; i++) {
                double px = x.pixel(p.x[i]);
                double py = y.pixel(p.y[i]);
                s.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" fill=\"white\" stroke=\"%s\" "
                                + "stroke-width=\"1.8\"/>%n",
                        px - 3.5,
                        py - 3.5,
                        p.color));
                s.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"%s\">%s</text>%n",
                        px + 6,
                        py - 5,
                        p.color,
                        Svg.esc(p.pointLabels[i])));
            }
            legend.add(new String[] {p.color, p.label});
        }
        for (Marker m : markers) {
            double px = x.pixel(m.x);
            double py = y.pixel(m.y);
            s.append(String.format(
                    Locale.ROOT,
                    "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"%s\" stroke=\"black\" "
                            + "stroke-width=\"0.8\"/>%n",
                    px,
                    py - 6,
                    px + 6,
                    py,
                    px,
                    py + 6,
                    px - 6,
                    py,
                    m.color));
            legend.add(new String[] {m.color, "◆ " + m.label});
        }
        s.append(Svg.legend(legend, FRAME.plotRight() + 14, FRAME.top() + 4));
        s.append("</svg>\n");
        return s.toString();
    }

    /** The smallest and largest finite value of {@code values}; NoSuchElementException when there is none. */
    private static DoubleSummaryStatistics finiteRange(List<double[]> values) {
        DoubleSummaryStatistics range = values.stream()
                .flatMapToDouble(Arrays::stream)
                .filter(Double::isFinite)
                .summaryStatistics();
        if (range.getCount() == 0) {
            throw new NoSuchElementException("no finite value to plot");
        }
        return range;
    }
}
