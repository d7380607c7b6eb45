package io.hyperrep.service.settings;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Who reads a setting: a service of {@code serve}, or the process that hosts them ({@code serve}, {@code demo}). */
public enum Reader {
    PROCESS,
    INGEST,
    TRAINER,
    SAMPLER,
    EVALUATOR,
    DASHBOARD,
    REGISTRY;

    /** Every service (and so every process that runs one). */
    public static final Set<Reader> ALL = Set.copyOf(EnumSet.allOf(Reader.class));

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
