package io.hyperrep.report.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Mean curves with a ±1 std band per series over integer x (epochs), legend outside the plot area
 * (accuracy curves end top-right, where an inside legend would cover them). Dependency-free SVG.
 */
public final class SvgCurvePlot {

    /** Wide right margin: the legend stands there. */
    private static final Frame FRAME = new Frame(760, 440, 70, 190, 40, 60);

    private record Series(String label, String color, double[] x, double[] mean, double[] std, boolean dashed) {}

    private final Labels labels;
    private final List<Series> series = new ArrayList<>();

    public SvgCurvePlot(String title, String xLabel, String yLabel, double yScale) {
        this.labels = new Labels(title, xLabel, yLabel, yScale);
    }

    /** A mean curve with its ±std band; {@code dashed} marks baselines. */
    public SvgCurvePlot series(String label, String color, double[] x, double[] mean, double[] std, boolean dashed) {
        if (x.length == 0 || x.length != mean.length || x.length != std.length) {
            throw new IllegalArgumentException("series " + label + " needs equally long, non-empty x, mean and std");
        }
        series.add(new Series(label, color, x.clone(), mean.clone(), std.clone(), dashed));
        return this;
    }

    public String render() {
        if (series.isEmpty()) {
            throw new IllegalStateException("nothing to plot");
        }
        double xlo = Double.MAX_VALUE;
        double xhi = -Double.MAX_VALUE;
        double ylo = Double.MAX_VALUE;
        double yhi = -Double.MAX_VALUE;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                xlo = Math.min(xlo, s.x[i]);
                xhi = Math.max(xhi, s.x[i]);
                ylo = Math.min(ylo, s.mean[i] - s.std[i]);
                yhi = Math.max(yhi, s.mean[i] + s.std[i]);
            }
        }
        Axis x = FRAME.unitXAxis(xlo, xhi);
        Axis y = FRAME.yAxis(ylo, yhi);
        StringBuilder out = FRAME.open(labels, x, y);
        List<String[]> legend = new ArrayList<>();
        for (Series s : series) {
            StringBuilder band = new StringBuilder();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < s.x.length; i++) {
                band.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.pixel(s.x[i]), y.pixel(s.mean[i] + s.std[i])));
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.pixel(s.x[i]), y.pixel(s.mean[i])));
            }
            for (int i = s.x.length - 1; i >= 0; i--) {
                band.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.pixel(s.x[i]), y.pixel(s.mean[i] - s.std[i])));
            }
            out.append(String.format(
                    Locale.ROOT,
                    "<polygon points=\"%s\" fill=\"%s\" fill-opacity=\"0.12\" stroke=\"none\"/>%n",
                    band,
                    s.color));
            out.append(Svg.polyline(line, s.color, "2.2", s.dashed));
            for (int i = 0; i < s.x.length; i++) {
                out.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                        x.pixel(s.x[i]),
                        y.pixel(s.mean[i]),
                        s.color));
            }
            legend.add(new String[] {s.color, s.label});
        }
        out.append(Svg.legend(legend, FRAME.plotRight() + 14, FRAME.top() + 4));
        out.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#555\">lines: mean; bands: ±1 std</text>%n",
                FRAME.plotRight() + 14,
                FRAME.top() + 10 + 17 * legend.size()));
        out.append("</svg>\n");
        return out.toString();
    }
}
