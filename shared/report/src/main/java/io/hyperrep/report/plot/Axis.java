package io.hyperrep.report.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A linear axis over a data range, widened to "nice" tick values (1, 2, 2.5 or 5 times a power of ten)
 * and mapped onto a pixel interval.
 */
record Axis(double min, double max, double step, double pixelFrom, double pixelTo) {

    /** An axis covering {@code lo..hi} with about {@code ticks} ticks, drawn from {@code pixelFrom} to {@code pixelTo}. */
    static Axis covering(double lo, double hi, int ticks, double pixelFrom, double pixelTo) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("cannot plot non-finite values (range " + lo + ".." + hi + ")");
        }
        if (hi - lo < 1e-12) {
            double pad = Math.max(Math.abs(lo) * 0.05, 1e-3);
            lo -= pad;
            hi += pad;
        }
        double raw = (hi - lo) / Math.max(1, ticks);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * mag >= raw) {
                step = f * mag;
                break;
            }
        }
        return new Axis(
                Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, step, pixelFrom, pixelTo);
    }

    double pixel(double v) {
        return pixelFrom + (v - min) / (max - min) * (pixelTo - pixelFrom);
    }

    List<Double> ticks() {
        List<Double> t = new ArrayList<>();
        for (double v = min; v <= max + step * 1e-6; v += step) {
            t.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return t;
    }

    String label(double v, double scale) {
        double s = v * scale;
        int digits = (int) Math.max(0, -Math.floor(Math.log10(step * scale) + 1e-9));
        // steps of 2.5 times a power of ten need one digit more than their magnitude (0.25, not 0.3)
        double scaled = step * scale * Math.pow(10, digits);
        if (Math.abs(scaled - Math.rint(scaled)) > 1e-6) {
            digits++;
        }
        return String.format(Locale.ROOT, "%." + digits + "f", s);
    }
}
