package io.hyperrep.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line terminal progress bar with rate and ETA, redrawn in place on a terminal and printed
 * at most every 10 s otherwise (logs, CI), so long jobs stay readable in both.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String unit;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long total;
    private double startDone;
    private long lastPrint;

    public ProgressBar(PrintStream out, String unit) {
        this.out = out;
        this.unit = unit;
        this.terminal = System.console() != null;
    }

    public void total(long total, double alreadyDone) {
        this.total = total;
        this.startDone = alreadyDone;
    }

    /** Shows {@code done} of the total with a free-form note. */
    public synchronized void update(double done, String note) {
        long now = System.nanoTime();
        if (now - lastPrint < (terminal ? 200_000_000L : 10_000_000_000L) && done < total) {
            return;
        }
        lastPrint = now;
        double frac = total == 0 ? 1 : Math.min(1, done / total);
        String bar = bar(frac, WIDTH);
        double elapsed = (now - start) / 1e9;
        double rate = (done - startDone) / Math.max(elapsed, 1e-9);
        String eta = rate > 0 ? format(Duration.ofSeconds((long) ((total - done) / rate))) : "--:--";
        String line = String.format(
                Locale.ROOT,
                "%s %5.1f%% %.1f/%d %s  %.3f %s/s  ETA %s  %s",
                bar,
                frac * 100,
                done,
                total,
                unit,
                rate,
                unit,
                eta,
                note);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** A bar of {@code width} cells for a fraction in [0, 1]: {@code [#####.....]}. */
    public static String bar(double fraction, int width) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }

    /** Ends the bar's line. */
    public void finish(String message) {
        if (terminal) {
            out.println();
        }
        out.println(message);
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
