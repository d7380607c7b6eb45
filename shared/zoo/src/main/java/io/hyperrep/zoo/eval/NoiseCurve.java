package io.hyperrep.zoo.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The noise populations as a curve in (epoch-0 mean accuracy, mean novelty), in order of σ: what adding
 * noise to the anchors buys in novelty for a given loss of accuracy. A generator is only interesting where
 * it sits strictly beyond this curve, more novel on both axes at the same accuracy.
 */
public final class NoiseCurve {

    /** One noise population: its σ, mean epoch-0 accuracy, mean relative L2 distance and mean max error IoU. */
    public record Point(String population, double sigma, double accuracy, double meanRatio, double meanMaxIoU) {}

    /**
     * The curve's novelty at a sample's accuracy, linear in accuracy between the two points that bracket it.
     *
     * @param comparable  whether the accuracy lies within the curve's accuracy range
     * @param bracket     the two noise populations interpolated between (empty when not comparable)
     * @param noiseRatio  the curve's mean relative L2 distance at that accuracy (NaN when not comparable)
     * @param noiseMaxIoU the curve's mean max error IoU at that accuracy (NaN when not comparable)
     * @param moreNovel   comparable, and the sample's ratio is higher and its IoU lower than the curve's
     */
    public record Placement(
            boolean comparable, List<String> bracket, double noiseRatio, double noiseMaxIoU, boolean moreNovel) {}

    private final List<Point> points;

    public NoiseCurve(List<Point> points) {
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Point::sigma));
        this.points = List.copyOf(sorted);
    }

    /** The curve of the noise populations of {@code r}, at epoch 0 on the in-distribution task. */
    public static NoiseCurve of(EvaluationResults r) {
        List<Point> pts = new ArrayList<>();
        for (PopulationResult p : r.populations()) {
            if (p.kind() == PopulationKind.NOISE) {
                double sigma = Double.parseDouble(p.lineage().getOrDefault("sigma", "NaN"));
                double acc = Arrays.stream(p.curve(r.task()).at(0)).average().orElse(Double.NaN);
                pts.add(new Point(
                        p.name(),
                        sigma,
                        acc,
                        p.novelty().meanRatio(),
                        p.novelty().meanMaxIoU()));
            }
        }
        return new NoiseCurve(pts);
    }

    public List<Point> points() {
        return points;
    }

    /**
     * Where a population with mean accuracy {@code accuracy} and mean novelty ({@code ratio}, {@code maxIoU})
     * stands. Where accuracy is not monotone in σ and the curve passes the accuracy more than once, the most
     * novel crossing on each axis counts (the strictest comparison).
     */
    public Placement at(double accuracy, double ratio, double maxIoU) {
        double bestRatio = Double.NaN;
        double bestIoU = Double.NaN;
        List<String> bracket = List.of();
        for (int i = 0; i + 1 < points.size(); i++) {
            Point a = points.get(i);
            Point b = points.get(i + 1);
            double lo = Math.min(a.accuracy(), b.accuracy());
            double hi = Math.max(a.accuracy(), b.accuracy());
            if (accuracy < lo || accuracy > hi) {
                continue;
            }
            double t = hi == lo ? 0.5 : (accuracy - a.accuracy()) / (b.accuracy() - a.accuracy());
            double r = a.meanRatio() + t * (b.meanRatio() - a.meanRatio());
            double iou = a.meanMaxIoU() + t * (b.meanMaxIoU() - a.meanMaxIoU());
            if (bracket.isEmpty() || r > bestRatio || iou < bestIoU) {
                bracket = List.of(a.population(), b.population());
            }
            bestRatio = Double.isNaN(bestRatio) ? r : Math.max(bestRatio, r);
            bestIoU = Double.isNaN(bestIoU) ? iou : Math.min(bestIoU, iou);
        }
        if (bracket.isEmpty()) {
            return new Placement(false, List.of(), Double.NaN, Double.NaN, false);
        }
        return new Placement(true, bracket, bestRatio, bestIoU, ratio > bestRatio && maxIoU < bestIoU);
    }

    /** Lowest and highest mean accuracy on the curve (NaN without points). */
    public double[] accuracyRange() {
        return new double[] {
            points.stream().mapToDouble(Point::accuracy).min().orElse(Double.NaN),
            points.stream().mapToDouble(Point::accuracy).max().orElse(Double.NaN)
        };
    }
}
