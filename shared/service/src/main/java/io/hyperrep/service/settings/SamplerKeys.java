package io.hyperrep.service.settings;

import static io.hyperrep.service.settings.SettingType.decimal;
import static io.hyperrep.service.settings.SettingType.integer;
import static io.hyperrep.service.settings.SettingType.list;
import static io.hyperrep.service.settings.SettingType.string;

import java.util.List;
import java.util.Set;

/** The sampler's settings. */
public final class SamplerKeys {

    private SamplerKeys() {}

    private static final Set<Reader> SAMPLER = Set.of(Reader.SAMPLER);

    // Kept apart (duplicates): a table of settings, one declaration per key (SettingsTable prints it).
    public static final Setting<String> GROUP = Setting.of(
            "sampler.group",
            string(),
            "hyperrep-sampler",
            SAMPLER,
            "group on `hyperrep.autoencoders` and `hyperrep.generation.requests`");
    /** Which names are methods is the sampler's registry's to say (it can be extended), so the list type checks only the form. */
    public static final Setting<List<String>> METHODS = Setting.of(
            "sampler.methods",
            list(),
            List.of("kde", "uniform"),
            SAMPLER,
            "methods run for every new version: `uniform`, `kde`, `kde-joint`, `kde-faithful`, `neigh`, `gan`; an unknown name stops "
                    + "the start");

    public static final Setting<Integer> COUNT =
            Setting.of("sampler.count", integer(1, 10_000), 50, SAMPLER, "models per method and version");
    public static final Setting<Integer> SEED = Setting.of(
            "sampler.seed",
            integer(0, Integer.MAX_VALUE),
            42,
            SAMPLER,
            "seed of those runs and of requests without one");
    public static final Setting<Double> GENERATE_RATE = Setting.of(
            "sampler.generate.rate",
            decimal(0.001, 1000),
            1.0,
            SAMPLER,
            "`POST /api/generate` requests per second per client (a token, or the remote address without one) after the burst");
    public static final Setting<Integer> GENERATE_BURST =
            Setting.of("sampler.generate.burst", integer(1, 10_000), 10, SAMPLER, "requests a client may send at once");
    public static final Setting<Integer> GENERATE_PENDING_MAX = Setting.of(
            "sampler.generate.pending.max",
            integer(1, 10_000_000),
            20_000,
            SAMPLER,
            "models requested through this process's `POST /api/generate` and not generated yet; a request is admitted while "
                    + "the pending ones plus its own stay within it, or when none is pending");

    static final List<Setting<?>> ALL =
            List.of(GROUP, METHODS, COUNT, SEED, GENERATE_RATE, GENERATE_BURST, GENERATE_PENDING_MAX);
}
