package io.hyperrep.service.registry;

import java.util.Locale;

/** What a listing is ordered by: a model's test accuracy, its relative novelty, or its generation time. */
enum Sort {
    ACCURACY,
    NOVELTY,
    TIME;

    static Sort parse(String s) {
        for (Sort v : values()) {
            if (v.name().equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("sort must be accuracy, novelty or time, got '" + s + "'");
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
