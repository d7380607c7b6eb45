package io.hyperrep.service.settings;

import static io.hyperrep.service.settings.SettingType.choice;
import static io.hyperrep.service.settings.SettingType.decimal;
import static io.hyperrep.service.settings.SettingType.duration;
import static io.hyperrep.service.settings.SettingType.integer;
import static io.hyperrep.service.settings.SettingType.string;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The settings of the trainer and its planner ({@code serve trainer} runs both; both read these). */
public final class TrainerKeys {

    private TrainerKeys() {}

    private static final Set<Reader> TRAINER = Set.of(Reader.TRAINER);

    // Kept apart (duplicates): a table of settings, one declaration per key (SettingsTable prints it).
    public static final Setting<String> GROUP = Setting.of(
            "trainer.group",
            string(),
            "hyperrep-trainer",
            TRAINER,
            "trainer group on `hyperrep.training.jobs`; the planners' group is `<trainer.group>-planner`");
    public static final Setting<String> CONFIG = Setting.of(
            "trainer.config",
            string(),
            "cpu",
            TRAINER,
            "autoencoder config: a shipped one (`cpu`, `cnn-s-wide`, `paper`, `demo`; `AutoencoderConfig.presets()`) or a JSON file");
    public static final Setting<Integer> EPOCHS =
            Setting.of("trainer.epochs", integer(1, 10_000), 30, TRAINER, "epochs of a job that trains from scratch");
    public static final Setting<Integer> WARMSTART_EPOCHS = Setting.unset(
            "trainer.warmstart.epochs",
            integer(1, 10_000),
            "max(1, epochs/3)",
            TRAINER,
            "epochs of a warm-start job (a zoo's later snapshots)");
    public static final Setting<Double> LR =
            Setting.of("trainer.lr", decimal(1e-7, 1), 1e-3, TRAINER, "AdamW learning rate");
    public static final Setting<Double> WEIGHTDECAY =
            Setting.of("trainer.weightdecay", decimal(0, 1), 3e-5, TRAINER, "AdamW weight decay");
    public static final Setting<String> SCHEDULE = Setting.of(
            "trainer.schedule",
            choice("none", "constant", "warmup-cosine", "cosine"),
            "none",
            TRAINER,
            "learning-rate schedule: `none` (`constant`) or `warmup-cosine` (`cosine`)");
    public static final Setting<Integer> WARMUP_STEPS =
            Setting.of("trainer.warmup.steps", integer(0, 1_000_000), 0, TRAINER, "warm-up steps of the schedule");
    public static final Setting<Integer> SEED =
            Setting.of("trainer.seed", integer(0, Integer.MAX_VALUE), 42, TRAINER, "training seed");
    public static final Setting<String> AUGMENT = Setting.of(
            "trainer.augment",
            string(),
            "paper",
            TRAINER,
            "`paper`, `none`, or items on top of `paper`: `permute`, `no-permute`, `noise=STD`, `erase=P`, `erase-scale=MIN-MAX`");
    public static final Setting<String> BEST_EPOCH = Setting.of(
            "trainer.best.epoch",
            choice("validation", "training", "last"),
            "validation",
            TRAINER,
            "epoch kept as the version: `validation` (lowest validation loss), `training`, `last`; the version reports that "
                    + "epoch's validation loss and R² either way");
    /** Read by the trainer alone: the version event carries it to the sampler, the evaluator and the registry. */
    public static final Setting<Integer> WINDOW = Setting.of(
            "trainer.window",
            integer(1, 1000),
            5,
            TRAINER,
            "the last N consecutive trained epochs of a zoo the autoencoder trains on. The trainer records it on each version "
                    + "(`epochWindow`, docs/EVENTS.md); the sampler, the evaluator and the registry take it from there (records from before "
                    + "that field count as 5), so they no longer need it set alike");

    public static final Setting<Integer> MIN_MODELS = Setting.of(
            "trainer.min.models", integer(3, 1_000_000), 10, TRAINER, "the planner skips snapshots with fewer models");
    public static final Setting<Integer> RETRY_ATTEMPTS = Setting.of(
            "trainer.retry.attempts",
            integer(1, 1000),
            5,
            TRAINER,
            "runs of a job that keeps hitting Kafka trouble before it is dead-lettered");
    public static final Setting<Duration> RETRY_PAUSE = Setting.alsoAsMillis(
            Setting.of(
                    "trainer.retry.pause",
                    duration(Duration.ZERO, Duration.ofMinutes(1)),
                    Duration.ofSeconds(5),
                    TRAINER,
                    "pause before the first retry, doubling with each failure up to a minute"),
            "trainer.retry.pause.ms");
    public static final Setting<Duration> READ_TIMEOUT = Setting.alsoAsMillis(
            Setting.of(
                    "trainer.read.timeout",
                    duration(Duration.ofSeconds(1), Duration.ofHours(1)),
                    Duration.ofMinutes(2),
                    TRAINER,
                    "how long rebuilding a job's snapshot from the dataset topic may take before it counts as Kafka trouble"),
            "trainer.read.timeout.ms");
    public static final Setting<Double> TASK_LOSS = Setting.of(
            "trainer.task.loss",
            decimal(0, 1000),
            0.0,
            TRAINER,
            "weight of the task term (decoded CNNs classify training images; not the paper's), 0 = off");
    public static final Setting<Double> FUNCTION_LOSS = Setting.of(
            "trainer.function.loss", decimal(0, 1000), 0.0, TRAINER, "weight of the function (KL) term, 0 = off");
    public static final Setting<Integer> TASK_IMAGES = Setting.of(
            "trainer.task.images",
            integer(1, 10_000),
            32,
            TRAINER,
            "training images per decoded model per step (read when a term is on)");
    public static final Setting<Double> TASK_MIX_NOISE = Setting.of(
            "trainer.task.mix.noise",
            decimal(0, 100),
            0.4,
            TRAINER,
            "jitter of the mixed codes in units of each dimension's batch std (read when a term is on)");

    static final List<Setting<?>> ALL = List.of(
            GROUP,
            CONFIG,
            EPOCHS,
            WARMSTART_EPOCHS,
            LR,
            WEIGHTDECAY,
            SCHEDULE,
            WARMUP_STEPS,
            SEED,
            AUGMENT,
            BEST_EPOCH,
            WINDOW,
            MIN_MODELS,
            RETRY_ATTEMPTS,
            RETRY_PAUSE,
            READ_TIMEOUT,
            TASK_LOSS,
            FUNCTION_LOSS,
            TASK_IMAGES,
            TASK_MIX_NOISE);
}
