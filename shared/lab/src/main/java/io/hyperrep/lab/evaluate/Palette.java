package io.hyperrep.lab.evaluate;

import io.hyperrep.zoo.eval.PopulationKind;
import io.hyperrep.zoo.eval.PopulationResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stable colours per population: strong hues for samples, greys and earth tones for baselines. */
final class Palette {

    private static final String[] SAMPLES = {
        "#1f77b4", "#2ca02c", "#9467bd", "#17becf", "#d62728", "#e377c2", "#bcbd22", "#7f7fff"
    };
    private static final String[] NOISE = {"#ff7f0e", "#c45a00", "#ffb066", "#8c3d00"};

    private final Map<String, String> colors = new HashMap<>();

    Palette(List<PopulationResult> populations) {
        int sample = 0;
        int noise = 0;
        for (PopulationResult p : populations) {
            String c =
                    switch (p.kind()) {
                        case SAMPLE -> SAMPLES[sample++ % SAMPLES.length];
                        case NOISE -> NOISE[noise++ % NOISE.length];
                        case SCRATCH -> "#7f7f7f";
                        case ZOO_FINETUNED -> "#222222";
                        case ANCHORS -> "#8c564b";
                    };
            colors.put(p.name(), c);
        }
    }

    String of(String population) {
        return colors.getOrDefault(population, "#000000");
    }

    static boolean isBaseline(PopulationKind kind) {
        return kind != PopulationKind.SAMPLE;
    }
}
