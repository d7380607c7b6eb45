package io.hyperrep.report.plot;

import java.util.Locale;

/** String helpers shared by the charts: the document frame, escaping, axes. */
final class Svg {

    private Svg() {}

    static String open(int width, int height, String title) {
        return String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                        + "font-size=\"12\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                width,
                height,
                16,
                esc(title));
    }

    /** An unfilled line through {@code points} ({@code "x,y x,y ..."}); dashed marks baselines. */
    static String polyline(CharSequence points, String color, String strokeWidth, boolean dashed) {
        return String.format(
                Locale.ROOT,
                "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s/>%n",
                points,
                color,
                strokeWidth,
                dashed ? " stroke-dasharray=\"6,4\"" : "");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Horizontal grid lines with labels on the left of {@code x0}, and the y label. */
    static String yAxis(Axis y, double x0, double x1, double scale, String label) {
        StringBuilder s = new StringBuilder();
        for (double v : y.ticks()) {
            double py = y.pixel(v);
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    x0,
                    x1,
                    py,
                    py));
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    x0 - 6,
                    py + 4,
                    y.label(v, scale)));
        }
        double mid = (y.pixelFrom() + y.pixelTo()) / 2;
        s.append(String.format(
                Locale.ROOT,
                "<text transform=\"translate(16,%.1f) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
                mid,
                esc(label)));
        s.append(String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>%n",
                x0,
                x0,
                y.pixelFrom(),
                y.pixelTo()));
        return s.toString();
    }

    // Kept apart (duplicates): mirrors yAxis with every coordinate swapped and other marks (ticks, not grid
    // lines); one loop parameterised over the orientation would be harder to read than the two.
    /** Vertical ticks with labels below {@code y0}, the x axis line and the x label. */
    static String xAxis(Axis x, double y0, double scale, String label) {
        StringBuilder s = new StringBuilder();
        for (double v : x.ticks()) {
            double px = x.pixel(v);
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>%n",
                    px,
                    px,
                    y0,
                    y0 + 4));
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                    px,
                    y0 + 17,
                    x.label(v, scale)));
        }
        s.append(String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>%n",
                x.pixelFrom(),
                x.pixelTo(),
                y0,
                y0));
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                (x.pixelFrom() + x.pixelTo()) / 2,
                y0 + 36,
                esc(label)));
        return s.toString();
    }

    /** A legend of coloured squares, top-left at ({@code x}, {@code y}). */
    static String legend(java.util.List<String[]> items, double x, double y) {
        StringBuilder s = new StringBuilder();
        double ly = y;
        for (String[] item : items) {
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"10\" fill=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n",
                    x,
                    ly,
                    item[0],
                    x + 18,
                    ly + 9,
                    esc(item[1])));
            ly += 17;
        }
        return s.toString();
    }
}
