package io.hyperrep.core.sample;

import io.hyperrep.core.stats.Quantiles;
import io.hyperrep.core.zoo.CheckpointMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Which training checkpoints anchor the samplers (docs/METHOD.md §6 "Setup"). Top fraction f keeps every
 * checkpoint whose metric is ≥ the (1 − f) quantile (linear interpolation) of the metric over all
 * checkpoints, the original's {@code test_acc >= torch.quantile(test_acc, 0.7)} for f = 0.3. The
 * ranking is over checkpoints (epochs of a model count separately); all checkpoints tied at the
 * threshold are kept, so more than f·n may be chosen; the result keeps the input order, which the
 * faithful KDE needs to reproduce the original's row indices. f = 1 keeps all.
 *
 * @param metric      the accuracy that ranks checkpoints; {@link Metric#TEST} is the original's (test
 *                    leakage), {@link Metric#VALIDATION} the default
 * @param topFraction fraction in (0, 1]
 */
public record AnchorSelection(Metric metric, double topFraction) {

    public static final double DEFAULT_TOP_FRACTION = 0.30;

    /** The accuracy that ranks checkpoints. */
    public enum Metric {
        VALIDATION(CheckpointMetrics::valAcc),
        TEST(CheckpointMetrics::testAcc);

        private final ToDoubleFunction<CheckpointMetrics> value;

        Metric(ToDoubleFunction<CheckpointMetrics> value) {
            this.value = value;
        }

        public double of(CheckpointMetrics m) {
            return value.applyAsDouble(m);
        }

        /** {@code validation} or {@code test}, any case. */
        public static Metric parse(String s) {
            for (Metric m : values()) {
                if (m.name().equalsIgnoreCase(s)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("--anchor-metric must be validation or test, got '" + s + "'");
        }
    }

    public AnchorSelection {
        if (metric == null) {
            throw new IllegalArgumentException("anchor selection needs a metric (VALIDATION or TEST)");
        }
        if (!(topFraction > 0 && topFraction <= 1)) {
            throw new IllegalArgumentException("anchor top fraction must be in (0, 1], got " + topFraction);
        }
    }

    /** Top 30% by validation accuracy. */
    public static AnchorSelection defaults() {
        return new AnchorSelection(Metric.VALIDATION, DEFAULT_TOP_FRACTION);
    }

    /** Top 30% by test accuracy, as the original. */
    public static AnchorSelection faithful() {
        return new AnchorSelection(Metric.TEST, DEFAULT_TOP_FRACTION);
    }

    /** Every checkpoint. */
    public static AnchorSelection all() {
        return new AnchorSelection(Metric.VALIDATION, 1.0);
    }

    /** Ascending indices of the chosen checkpoints. */
    public int[] select(List<CheckpointMetrics> metrics) {
        if (metrics == null || metrics.isEmpty()) {
            throw new IllegalArgumentException("anchor selection needs at least one checkpoint");
        }
        double[] values = new double[metrics.size()];
        for (int i = 0; i < values.length; i++) {
            CheckpointMetrics m = metrics.get(i);
            if (m == null) {
                throw new IllegalArgumentException("checkpoint " + i + " has no metrics");
            }
            values[i] = metric.of(m);
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("checkpoint " + i + " has a non-finite " + metric + " accuracy: " + values[i]);
            }
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double threshold = Quantiles.linear(sorted, 1 - topFraction);
        return IntStream.range(0, values.length).filter(i -> values[i] >= threshold).toArray();
    }

    /** The chosen items, in input order; {@code metricsOf} gives each item's metrics. */
    public <T> List<T> select(List<T> items, Function<? super T, CheckpointMetrics> metricsOf) {
        if (items == null) {
            throw new IllegalArgumentException("anchor selection needs a list of checkpoints");
        }
        List<CheckpointMetrics> metrics = new ArrayList<>(items.size());
        for (T item : items) {
            metrics.add(metricsOf.apply(item));
        }
        List<T> chosen = new ArrayList<>();
        for (int i : select(metrics)) {
            chosen.add(items.get(i));
        }
        return Collections.unmodifiableList(chosen);
    }

    /** The rows of {@code embeddings} (one per checkpoint, aligned with {@code metrics}) that are anchors. */
    public float[][] anchors(float[][] embeddings, List<CheckpointMetrics> metrics) {
        if (embeddings == null || metrics == null || embeddings.length != metrics.size()) {
            throw new IllegalArgumentException("need one embedding per checkpoint: " + (embeddings == null ? 0 : embeddings.length)
                    + " embeddings, " + (metrics == null ? 0 : metrics.size()) + " checkpoints");
        }
        int[] chosen = select(metrics);
        float[][] rows = new float[chosen.length][];
        for (int k = 0; k < chosen.length; k++) {
            rows[k] = embeddings[chosen[k]];
        }
        return rows;
    }

    /**
     * The selection a generated model's lineage records ({@link #parameters()}, as strings), so that the anchors can
     * be chosen again from the same checkpoints; empty when the parameters name none.
     *
     * @throws IllegalArgumentException if they name one that is not valid
     */
    public static Optional<AnchorSelection> fromParameters(Map<String, String> parameters) {
        String metric = parameters == null ? null : parameters.get("anchorMetric");
        String fraction = parameters == null ? null : parameters.get("anchorTopFraction");
        if (metric == null || fraction == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AnchorSelection(Metric.parse(metric), Double.parseDouble(fraction)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("anchorTopFraction must be a number, got '" + fraction + "'");
        }
    }

    /** Metric and fraction, for lineage. */
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("anchorMetric", metric.name().toLowerCase(Locale.ROOT));
        p.put("anchorTopFraction", topFraction);
        return Collections.unmodifiableMap(p);
    }
}
