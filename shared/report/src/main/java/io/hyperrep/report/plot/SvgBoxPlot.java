package io.hyperrep.report.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Box plots of several groups side by side: quartile box, median line, whiskers to the most extreme
 * values within 1.5 IQR, and every value as a jittered dot (populations are small, so the dots show
 * the real distribution). Dependency-free SVG.
 */
public final class SvgBoxPlot {

    /** Height and margins; the width grows by {@link #SLOT} a group. */
    private static final Frame MARGINS = new Frame(0, 420, 70, 20, 40, 90);

    private static final int SLOT = 90;

    private record Group(String label, String color, double[] values) {}

    private final String title;
    private final String yLabel;
    private final double scale;
    private final List<Group> groups = new ArrayList<>();

    /** @param scale multiplies values for tick labels (100 shows fractions as percent) */
    public SvgBoxPlot(String title, String yLabel, double scale) {
        this.title = title;
        this.yLabel = yLabel;
        this.scale = scale;
    }

    public SvgBoxPlot group(String label, String color, double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("group " + label + " has no values");
        }
        groups.add(new Group(label, color, values.clone()));
        return this;
    }

    public String render() {
        if (groups.isEmpty()) {
            throw new IllegalStateException("nothing to plot");
        }
        Frame frame = MARGINS.withPlotWidth(SLOT * groups.size());
        double lo = groups.stream()
                .flatMapToDouble(g -> Arrays.stream(g.values))
                .min()
                .orElseThrow();
        double hi = groups.stream()
                .flatMapToDouble(g -> Arrays.stream(g.values))
                .max()
                .orElseThrow();
        Axis y = frame.yAxis(lo, hi);
        StringBuilder s = new StringBuilder(Svg.open(frame.width(), frame.height(), title));
        s.append(Svg.yAxis(y, frame.left(), frame.plotRight(), scale, yLabel));
        s.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                frame.left(),
                frame.plotRight(),
                frame.plotBottom(),
                frame.plotBottom()));
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            double cx = frame.left() + SLOT * (i + 0.5);
            double[] v = g.values.clone();
            Arrays.sort(v);
            double q1 = quantile(v, 0.25);
            double med = quantile(v, 0.5);
            double q3 = quantile(v, 0.75);
            double iqr = q3 - q1;
            double wlo = Arrays.stream(v).filter(x -> x >= q1 - 1.5 * iqr).min().orElse(v[0]);
            double whi = Arrays.stream(v).filter(x -> x <= q3 + 1.5 * iqr).max().orElse(v[v.length - 1]);
            double half = SLOT * 0.28;
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                    cx,
                    cx,
                    y.pixel(wlo),
                    y.pixel(q1),
                    g.color));
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                    cx,
                    cx,
                    y.pixel(q3),
                    y.pixel(whi),
                    g.color));
            for (double w : new double[] {wlo, whi}) {
                s.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                        cx - half / 2,
                        cx + half / 2,
                        y.pixel(w),
                        y.pixel(w),
                        g.color));
            }
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.2\" "
                            + "stroke=\"%s\"/>%n",
                    cx - half,
                    y.pixel(q3),
                    2 * half,
                    Math.max(0.5, y.pixel(q1) - y.pixel(q3)),
                    g.color,
                    g.color));
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2.5\"/>%n",
                    cx - half,
                    cx + half,
                    y.pixel(med),
                    y.pixel(med),
                    g.color));
            for (int j = 0; j < g.values.length; j++) {
                // Deterministic jitter, so that the same results give the same file.
                double jitter = ((j * 0.618034) % 1 - 0.5) * half * 1.4;
                s.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" fill=\"%s\" fill-opacity=\"0.6\"/>%n",
                        cx + jitter,
                        y.pixel(g.values[j]),
                        g.color));
            }
            s.append(String.format(
                    Locale.ROOT,
                    "<text transform=\"translate(%.1f,%d) rotate(30)\" text-anchor=\"start\">%s</text>%n",
                    cx - 10,
                    frame.plotBottom() + 16,
                    Svg.esc(g.label + " (" + g.values.length + ")")));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
