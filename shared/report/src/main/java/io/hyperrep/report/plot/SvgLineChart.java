package io.hyperrep.report.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Thin background series, shaded bands and highlighted lines with markers (e.g. every model's accuracy
 * curve, the min-max band and the mean). Drawn with the package's frame, axes and legend, so it looks like
 * the other plots. Dependency-free SVG.
 */
public final class SvgLineChart {

    private static final Frame FRAME = new Frame(720, 420, 70, 20, 40, 55);

    private final Labels labels;
    /** Series in drawing order; each draws itself onto the axes of one rendering. */
    private final List<Layer> layers = new ArrayList<>();

    private final List<String[]> legend = new ArrayList<>();
    /** The data's extent; {@link #render()} derives its axes from it, so rendering changes nothing here. */
    private double x0 = Double.MAX_VALUE;

    private double x1 = -Double.MAX_VALUE;
    private double y0 = Double.MAX_VALUE;
    private double y1 = -Double.MAX_VALUE;

    /** One series' SVG elements, given the axes data coordinates land on. */
    private interface Layer {
        void draw(Axis x, Axis y, StringBuilder out);
    }

    public SvgLineChart(String title, String xLabel, String yLabel) {
        this.labels = new Labels(title, xLabel, yLabel, 1);
    }

    private void extend(double[] x, double[] y) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException(
                    "a series needs equally long, non-empty x and y (" + x.length + " and " + y.length + ")");
        }
        for (int i = 0; i < x.length; i++) {
            x0 = Math.min(x0, x[i]);
            x1 = Math.max(x1, x[i]);
            y0 = Math.min(y0, y[i]);
            y1 = Math.max(y1, y[i]);
        }
    }

    /** A thin, translucent series (e.g. one model's curve). */
    public SvgLineChart background(double[] x, double[] y, String color) {
        extend(x, y);
        double[] xs = x.clone();
        double[] ys = y.clone();
        layers.add((ax, ay, out) -> out.append(polyline(ax, ay, xs, ys, color, 0.7, 0.25)));
        return this;
    }

    /** A shaded band between {@code lo} and {@code hi}. */
    public SvgLineChart band(double[] x, double[] lo, double[] hi, String color, String label) {
        extend(x, lo);
        extend(x, hi);
        double[] xs = x.clone();
        double[] los = lo.clone();
        double[] his = hi.clone();
        layers.add((ax, ay, out) -> {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < xs.length; i++) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", ax.pixel(xs[i]), ay.pixel(his[i])));
            }
            for (int i = xs.length - 1; i >= 0; i--) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", ax.pixel(xs[i]), ay.pixel(los[i])));
            }
            out.append(String.format(
                    Locale.ROOT,
                    "<polygon points=\"%s\" fill=\"%s\" fill-opacity=\"0.18\" stroke=\"none\"/>%n",
                    pts,
                    color));
        });
        legend.add(new String[] {color, label});
        return this;
    }

    /** A highlighted series with markers. */
    public SvgLineChart line(double[] x, double[] y, String color, String label) {
        extend(x, y);
        double[] xs = x.clone();
        double[] ys = y.clone();
        layers.add((ax, ay, out) -> {
            out.append(polyline(ax, ay, xs, ys, color, 2.5, 1));
            for (int i = 0; i < xs.length; i++) {
                out.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                        ax.pixel(xs[i]),
                        ay.pixel(ys[i]),
                        color));
            }
        });
        legend.add(new String[] {color, label});
        return this;
    }

    private static String polyline(
            Axis ax, Axis ay, double[] x, double[] y, String color, double width, double opacity) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", ax.pixel(x[i]), ay.pixel(y[i])));
        }
        return String.format(
                Locale.ROOT,
                "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" stroke-opacity=\"%.2f\"/>%n",
                pts,
                color,
                width,
                opacity);
    }

    /** Renders the chart; rendering again (after adding series or not) starts from the data, never from an earlier rendering. */
    public String render() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("nothing to plot");
        }
        Axis x = FRAME.unitXAxis(x0, x1);
        Axis y = FRAME.yAxis(y0, y1);
        StringBuilder s = FRAME.open(labels, x, y);
        layers.forEach(l -> l.draw(x, y, s));
        s.append(Svg.legend(legend, FRAME.plotRight() - 230, FRAME.top() + 6));
        s.append("</svg>\n");
        return s.toString();
    }
}
