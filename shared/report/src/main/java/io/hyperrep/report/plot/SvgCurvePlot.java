package io.hyperrep.report.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Mean curves with a ±1 std band per series over integer x (epochs), legend outside the plot area
 * (accuracy curves end top-right, where an inside legend would cover them). Dependency-free SVG.
 */
public final class SvgCurvePlot {

    private static final int W = 760;
    private static final int H = 440;
    private static final int L = 70;
    private static final int R = 190;
    private static final int T = 40;
    private static final int B = 60;

    private record Series(String label, String color, double[] x, double[] mean, double[] std, boolean dashed) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double yScale;
    private final List<Series> series = new ArrayList<>();

    public SvgCurvePlot(String title, String xLabel, String yLabel, double yScale) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.yScale = yScale;
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
        Axis x = Axis.covering(xlo, Math.max(xhi, xlo + 1), (int) Math.min(10, Math.max(1, xhi - xlo)), L, W - R);
        Axis y = Axis.covering(ylo, yhi, 6, H - B, T);
        StringBuilder out = new StringBuilder(Svg.open(W, H, title));
        out.append(Svg.yAxis(y, L, W - R, yScale, yLabel));
        out.append(Svg.xAxis(x, H - B, 1, xLabel));
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
            out.append(String.format(
                    Locale.ROOT,
                    "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.2\"%s/>%n",
                    line,
                    s.color,
                    s.dashed ? " stroke-dasharray=\"6,4\"" : ""));
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
        out.append(Svg.legend(legend, W - R + 14, T + 4));
        out.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#555\">lines: mean; bands: ±1 std</text>%n",
                W - R + 14,
                T + 10 + 17 * legend.size()));
        out.append("</svg>\n");
        return out.toString();
    }
}
