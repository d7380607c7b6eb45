package io.hyperrep.core.token;

import io.hyperrep.core.arch.Architecture;
import java.util.SplittableRandom;

/**
 * The per-view augmentation of docs/METHOD.md §4: a random function-preserving permutation, optional
 * additive Gaussian noise, then random erasing (with probability {@code eraseProbability} one
 * contiguous block of length {@code int(P*U(scaleMin, scaleMax))} starting uniformly in [0, P) is set
 * to zero; a block running past the end is redrawn up to 10 times, then the view is left unerased).
 */
public record Augmentation(
        boolean permute, double noiseStd, double eraseProbability, double scaleMin, double scaleMax) {

    public Augmentation {
        if (noiseStd < 0 || eraseProbability < 0 || eraseProbability > 1) {
            throw new IllegalArgumentException("noise std must be >= 0 and erase probability in [0, 1]");
        }
        if (!(scaleMin >= 0 && scaleMin <= scaleMax && scaleMax <= 1)) {
            throw new IllegalArgumentException(
                    "erase scale must satisfy 0 <= min <= max <= 1, got " + scaleMin + ", " + scaleMax);
        }
    }

    /** The paper's configuration: permutations on, noise off, erasing p=0.5 with scale (0.02, 0.33). */
    public static Augmentation paper() {
        return new Augmentation(true, 0.0, 0.5, 0.02, 0.33);
    }

    /** No augmentation: each view is the checkpoint itself (plain autoencoding, for ablations). */
    public static Augmentation none() {
        return new Augmentation(false, 0.0, 0.0, 0.0, 0.0);
    }

    /**
     * Parses {@code paper}, {@code none}, or a comma list of {@code permute}, {@code no-permute},
     * {@code noise=STD}, {@code erase=P}, {@code erase-scale=MIN-MAX} applied on top of {@code paper}
     * (e.g. {@code no-permute,erase=0}).
     */
    public static Augmentation parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(
                    "augmentation must be paper, none or a list like 'no-permute,erase=0.25', got nothing");
        }
        if (spec.strip().equals("none")) {
            return none();
        }
        Augmentation a = paper();
        for (String item : spec.split(",")) {
            String t = item.strip();
            String value = t.contains("=") ? t.substring(t.indexOf('=') + 1) : null;
            String key = t.contains("=") ? t.substring(0, t.indexOf('=')) : t;
            try {
                a = switch (key) {
                    case "paper" -> a;
                    case "permute" -> new Augmentation(true, a.noiseStd, a.eraseProbability, a.scaleMin, a.scaleMax);
                    case "no-permute" ->
                        new Augmentation(false, a.noiseStd, a.eraseProbability, a.scaleMin, a.scaleMax);
                    case "noise" ->
                        new Augmentation(
                                a.permute,
                                Double.parseDouble(required(t, value)),
                                a.eraseProbability,
                                a.scaleMin,
                                a.scaleMax);
                    case "erase" ->
                        new Augmentation(
                                a.permute, a.noiseStd, Double.parseDouble(required(t, value)), a.scaleMin, a.scaleMax);
                    case "erase-scale" -> {
                        String[] r = required(t, value).split("-");
                        if (r.length != 2) {
                            throw new IllegalArgumentException(
                                    "erase-scale must be MIN-MAX, e.g. erase-scale=0.02-0.33, got '" + t + "'");
                        }
                        yield new Augmentation(
                                a.permute,
                                a.noiseStd,
                                a.eraseProbability,
                                Double.parseDouble(r[0]),
                                Double.parseDouble(r[1]));
                    }
                    default ->
                        throw new IllegalArgumentException("unknown augmentation item '" + t
                                + "'; use paper, none, permute, no-permute, noise=STD, erase=P, erase-scale=MIN-MAX");
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("augmentation item '" + t + "' needs a number", e);
            }
        }
        return a;
    }

    private static String required(String item, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("augmentation item '" + item + "' needs a value, e.g. " + item + "=0.5");
        }
        return value;
    }

    /** One augmented view of {@code w} (not modified). */
    public float[] view(Architecture arch, float[] w, SplittableRandom rnd) {
        float[] v = permute ? WeightPermutation.apply(arch, w, WeightPermutation.random(arch, rnd)) : w.clone();
        if (noiseStd > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (noiseStd * gaussian(rnd));
            }
        }
        if (rnd.nextDouble() < eraseProbability) {
            int n = v.length;
            for (int attempt = 0; attempt < 10; attempt++) {
                int len = (int) (n * (scaleMin + (scaleMax - scaleMin) * rnd.nextDouble()));
                int start = rnd.nextInt(n);
                if (start + len < n) {
                    java.util.Arrays.fill(v, start, start + len, 0f);
                    break;
                }
            }
        }
        return v;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
