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
 * <p>With {@link Pool#BEST_PER_MODEL} (not the paper's) each model first contributes only its best
 * checkpoint, and the same quantile rule runs over those: one anchor per chosen model, so the anchors
 * spread over models instead of filling up with several epochs of the same good ones.
 *
 * @param metric      the accuracy that ranks checkpoints; {@link Metric#TEST} is the original's (test
 *                    leakage), {@link Metric#VALIDATION} the default
 * @param topFraction fraction in (0, 1]
 * @param pool        what is ranked: every checkpoint (the original's) or each model's best one
 */
public record AnchorSelection(Metric metric, double topFraction, Pool pool) {

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

    /** What the top fraction is taken of. */
    public enum Pool {
        /** Every checkpoint ranks on its own, the original's rule: a good model's epochs may take several places. */
        CHECKPOINTS,
        /** Each model ranks with its best checkpoint in the window, which is its only possible anchor. */
        BEST_PER_MODEL
    }

    public AnchorSelection {
        if (metric == null) {
            throw new IllegalArgumentException("anchor selection needs a metric (VALIDATION or TEST)");
        }
        if (!(topFraction > 0 && topFraction <= 1)) {
            throw new IllegalArgumentException("anchor top fraction must be in (0, 1], got " + topFraction);
        }
        if (pool == null) {
            throw new IllegalArgumentException("anchor selection needs a pool (CHECKPOINTS or BEST_PER_MODEL)");
        }
    }

    /** The original's pool: every checkpoint ranks on its own. */
    public AnchorSelection(Metric metric, double topFraction) {
        this(metric, topFraction, Pool.CHECKPOINTS);
    }

    /** The top {@code topFraction} of the models, each by its best checkpoint. */
    public static AnchorSelection perModel(Metric metric, double topFraction) {
        return new AnchorSelection(metric, topFraction, Pool.BEST_PER_MODEL);
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

    /** Ascending indices of the chosen checkpoints, each checkpoint ranked on its own ({@link Pool#CHECKPOINTS} only). */
    public int[] select(List<CheckpointMetrics> metrics) {
        return indices(metrics, null);
    }

    /**
     * Ascending indices of the chosen checkpoints; {@code models} names each checkpoint's model (aligned
     * with {@code metrics}, not null), which {@link Pool#BEST_PER_MODEL} groups by and {@link Pool#CHECKPOINTS} ignores.
     * A model's best checkpoint is its first one in input order among those tied at its best value.
     */
    public int[] select(List<CheckpointMetrics> metrics, List<String> models) {
        if (models == null) {
            throw new IllegalArgumentException(
                    "anchor selection by model needs the model of every checkpoint, got none");
        }
        return indices(metrics, models);
    }

    private int[] indices(List<CheckpointMetrics> metrics, List<String> models) {
        double[] values = values(metrics);
        int[] candidates =
                pool == Pool.CHECKPOINTS ? IntStream.range(0, values.length).toArray() : bestPerModel(values, models);
        double[] sorted = new double[candidates.length];
        for (int k = 0; k < candidates.length; k++) {
            sorted[k] = values[candidates[k]];
        }
        Arrays.sort(sorted);
        double threshold = Quantiles.linear(sorted, 1 - topFraction);
        return Arrays.stream(candidates)
                .filter(i -> values[i] >= threshold)
                .sorted()
                .toArray();
    }

    private double[] values(List<CheckpointMetrics> metrics) {
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
                throw new IllegalArgumentException(
                        "checkpoint " + i + " has a non-finite " + metric + " accuracy: " + values[i]);
            }
        }
        return values;
    }

    /** Index of each model's best checkpoint, in order of the models' first appearance. */
    private static int[] bestPerModel(double[] values, List<String> models) {
        if (models == null || models.size() != values.length) {
            throw new IllegalArgumentException("per-model anchor selection needs the model of every checkpoint: "
                    + values.length + " checkpoints, " + (models == null ? "no" : String.valueOf(models.size()))
                    + " model ids");
        }
        Map<String, Integer> best = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            String model = models.get(i);
            if (model == null) {
                throw new IllegalArgumentException("checkpoint " + i + " names no model");
            }
            best.merge(model, i, (kept, next) -> values[next] > values[kept] ? next : kept);
        }
        return best.values().stream().mapToInt(Integer::intValue).toArray();
    }

    /** The chosen items, in input order; {@code metricsOf} gives each item's metrics ({@link Pool#CHECKPOINTS} only). */
    public <T> List<T> select(List<T> items, Function<? super T, CheckpointMetrics> metricsOf) {
        return select(items, metricsOf, null);
    }

    /** The chosen items, in input order; {@code modelOf} gives each item's model (needed by {@link Pool#BEST_PER_MODEL}). */
    public <T> List<T> select(
            List<T> items, Function<? super T, CheckpointMetrics> metricsOf, Function<? super T, String> modelOf) {
        if (items == null) {
            throw new IllegalArgumentException("anchor selection needs a list of checkpoints");
        }
        List<CheckpointMetrics> metrics = new ArrayList<>(items.size());
        List<String> models = modelOf == null ? null : new ArrayList<>(items.size());
        for (T item : items) {
            metrics.add(metricsOf.apply(item));
            if (models != null) {
                models.add(modelOf.apply(item));
            }
        }
        List<T> chosen = new ArrayList<>();
        for (int i : indices(metrics, models)) {
            chosen.add(items.get(i));
        }
        return Collections.unmodifiableList(chosen);
    }

    /** The rows of {@code embeddings} (one per checkpoint, aligned with {@code metrics}) that are anchors ({@link Pool#CHECKPOINTS} only). */
    public float[][] anchors(float[][] embeddings, List<CheckpointMetrics> metrics) {
        return anchors(embeddings, metrics, null);
    }

    /** The rows of {@code embeddings} (one per checkpoint, aligned with {@code metrics} and {@code models}) that are anchors. */
    public float[][] anchors(float[][] embeddings, List<CheckpointMetrics> metrics, List<String> models) {
        if (embeddings == null || metrics == null || embeddings.length != metrics.size()) {
            throw new IllegalArgumentException(
                    "need one embedding per checkpoint: " + (embeddings == null ? 0 : embeddings.length)
                            + " embeddings, " + (metrics == null ? 0 : metrics.size()) + " checkpoints");
        }
        int[] chosen = indices(metrics, models);
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
            Pool pool = "best-per-model".equals(parameters.get("anchorPool")) ? Pool.BEST_PER_MODEL : Pool.CHECKPOINTS;
            return Optional.of(new AnchorSelection(Metric.parse(metric), Double.parseDouble(fraction), pool));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("anchorTopFraction must be a number, got '" + fraction + "'");
        }
    }

    /**
     * Metric and fraction, for lineage; the pool only when it is not the original's, so the lineage of
     * selections made before pools existed stays as it was.
     */
    public Map<String, Object> parameters() {
        LineageParameters p = LineageParameters.empty()
                .put("anchorMetric", metric.name().toLowerCase(Locale.ROOT))
                .put("anchorTopFraction", topFraction);
        if (pool == Pool.BEST_PER_MODEL) {
            p.put("anchorPool", "best-per-model");
        }
        return p.toMap();
    }
}
