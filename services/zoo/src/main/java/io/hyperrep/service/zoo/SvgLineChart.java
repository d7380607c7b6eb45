package io.hyperrep.service.zoo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small, dependency-free SVG line chart: thin background series, bands, and highlighted lines. */
public final class SvgLineChart {

    private static final int W = 720;
    private static final int H = 420;
    private static final int L = 70;
    private static final int R = 20;
    private static final int T = 40;
    private static final int B = 55;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    /** Series in drawing order; each draws itself into the frame of one rendering. */
    private final List<Layer> layers = new ArrayList<>();
    private final List<String> legend = new ArrayList<>();
    /** The data's extent; {@link #render()} pads it into a {@link Frame} of its own, so rendering changes nothing here. */
    private double x0 = Double.MAX_VALUE;
    private double x1 = -Double.MAX_VALUE;
    private double y0 = Double.MAX_VALUE;
    private double y1 = -Double.MAX_VALUE;

    /** One series' SVG elements, given where data coordinates land. */
    private interface Layer {
        void draw(Frame f, List<String> out);
    }

    /** The plotted ranges of one rendering and the mapping of data coordinates to pixels. */
    private record Frame(double x0, double x1, double y0, double y1) {
        double px(double x) {
            return L + (x - x0) / Math.max(1e-12, x1 - x0) * (W - L - R);
        }

        double py(double y) {
            return H - B - (y - y0) / Math.max(1e-12, y1 - y0) * (H - T - B);
        }
    }

    public SvgLineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    private void extend(double[] x, double[] y) {
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
        layers.add((f, out) -> out.add(polyline(f, x, y, color, 0.7, 0.25)));
        return this;
    }

    /** A shaded band between {@code lo} and {@code hi}. */
    public SvgLineChart band(double[] x, double[] lo, double[] hi, String color, String label) {
        extend(x, lo);
        extend(x, hi);
        layers.add((f, out) -> {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < x.length; i++) {
                pts.append(f.px(x[i])).append(',').append(f.py(hi[i])).append(' ');
            }
            for (int i = x.length - 1; i >= 0; i--) {
                pts.append(f.px(x[i])).append(',').append(f.py(lo[i])).append(' ');
            }
            out.add("<polygon points=\"" + pts + "\" fill=\"" + color + "\" fill-opacity=\"0.18\" stroke=\"none\"/>");
        });
        legend.add(color + "|0.3|" + label);
        return this;
    }

    /** A highlighted series with markers. */
    public SvgLineChart line(double[] x, double[] y, String color, String label) {
        extend(x, y);
        layers.add((f, out) -> {
            out.add(polyline(f, x, y, color, 2.5, 1));
            for (int i = 0; i < x.length; i++) {
                out.add(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", f.px(x[i]), f.py(y[i]), color));
            }
        });
        legend.add(color + "|1|" + label);
        return this;
    }

    private static String polyline(Frame f, double[] x, double[] y, String color, double width, double opacity) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", f.px(x[i]), f.py(y[i])));
        }
        return String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" stroke-opacity=\"%.2f\"/>",
                pts, color, width, opacity);
    }

    /** Renders the chart; rendering again (after adding series or not) starts from the data, never from an earlier rendering. */
    public String render() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("nothing to plot");
        }
        double pad = (y1 - y0) * 0.05 + 1e-9;
        Frame f = new Frame(x0, x1, y0 - pad, y1 + pad);
        List<String> elements = new ArrayList<>();
        layers.forEach(l -> l.draw(f, elements));
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", W, H));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", L, esc(title)));
        for (int i = 0; i <= 5; i++) {
            double yv = f.y0() + (f.y1() - f.y0()) * i / 5;
            double yp = f.py(yv);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", L, W - R, yp, yp));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.3g</text>%n", L - 6, yp + 4, yv));
        }
        int ticks = (int) Math.min(12, Math.round(x1 - x0));
        for (int i = 0; i <= Math.max(1, ticks); i++) {
            double xv = f.x0() + (f.x1() - f.x0()) * i / Math.max(1, ticks);
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.3g</text>%n", f.px(xv), H - B + 18, xv));
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", L, W - R, H - B, H - B));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", L, L, T, H - B));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", (L + W - R) / 2, H - 12, esc(xLabel)));
        s.append(String.format(Locale.ROOT, "<text transform=\"translate(16,%d) rotate(-90)\" "
                + "text-anchor=\"middle\">%s</text>%n", (T + H - B) / 2, esc(yLabel)));
        elements.forEach(e -> s.append(e).append('\n'));
        int ly = T + 6;
        for (String item : legend) {
            String[] p = item.split("\\|", 3);
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"%s\" fill-opacity=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", W - R - 230, ly, p[0], p[1], W - R - 210, ly + 9, esc(p[2])));
            ly += 18;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
