package io.hyperrep.testkit;

import java.util.List;

/** One scrape of a service's {@code /metrics} (Prometheus text format), parsed for assertions. */
public final class Scrape {

    /** One sample line: the series as written ({@code name{labels}}) and its value. */
    public record Sample(String series, double value) {}

    private final String text;
    private final List<Sample> samples;

    public Scrape(String text) {
        this.text = text;
        this.samples = text.lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> new Sample(l.substring(0, l.lastIndexOf(' ')), number(l.substring(l.lastIndexOf(' ') + 1))))
                .toList();
    }

    /** A sample value as the text format writes it ({@code +Inf}, {@code -Inf} and {@code NaN} included). */
    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** The scrape as the service wrote it. */
    public String text() {
        return text;
    }

    /**
     * The value of one series, written exactly as in the scrape ({@code name} or {@code name{a="b"}}),
     * or NaN when the scrape has no such series (not yet created, or misspelt: NaN fails every comparison).
     */
    public double value(String series) {
        return samples.stream()
                .filter(s -> s.series().equals(series))
                .mapToDouble(Sample::value)
                .findFirst()
                .orElse(Double.NaN);
    }

    /** The value of one series, or {@code absent} when the scrape has none (a counter not yet created counts 0). */
    public double valueOr(String series, double absent) {
        double v = value(series);
        return Double.isNaN(v) ? absent : v;
    }

    /** Every sample of the meter {@code name} (any labels). */
    public List<Sample> samples(String name) {
        return samples.stream()
                .filter(s -> s.series().equals(name) || s.series().startsWith(name + "{"))
                .toList();
    }

    /** Whether the meter {@code name} has at least one sample. */
    public boolean has(String name) {
        return !samples(name).isEmpty();
    }

    /** The sum over every sample of {@code name} whose labels contain {@code labelFragment} (e.g. {@code outcome="accepted"}). */
    public double sum(String name, String labelFragment) {
        return samples(name).stream()
                .filter(s -> s.series().contains(labelFragment))
                .mapToDouble(Sample::value)
                .sum();
    }

    @Override
    public String toString() {
        return text;
    }
}
