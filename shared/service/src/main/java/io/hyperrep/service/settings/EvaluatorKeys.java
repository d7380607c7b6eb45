package io.hyperrep.service.settings;

import static io.hyperrep.service.settings.SettingType.choice;
import static io.hyperrep.service.settings.SettingType.integer;
import static io.hyperrep.service.settings.SettingType.string;

import java.util.List;
import java.util.Set;

/** The evaluator's settings. */
public final class EvaluatorKeys {

    private EvaluatorKeys() {}

    private static final Set<Reader> EVALUATOR = Set.of(Reader.EVALUATOR);

    // Kept apart (duplicates): a table of settings, one declaration per key (SettingsTable prints it).
    public static final Setting<String> GROUP = Setting.of(
            "evaluator.group", string(), "hyperrep-evaluator", EVALUATOR, "group on `hyperrep.models.generated`");
    public static final Setting<Integer> BATCH = Setting.of(
            "evaluator.batch", integer(1, 500), 32, EVALUATOR, "generated models per poll, evaluated together");
    public static final Setting<Integer> TEST_IMAGES = Setting.of(
            "evaluator.test.images", integer(10, 10_000), 10_000, EVALUATOR, "the first N Fashion-MNIST test images");
    public static final Setting<Integer> FINETUNE_EPOCHS = Setting.of(
            "evaluator.finetune.epochs",
            integer(0, 100),
            0,
            EVALUATOR,
            "fine-tuning epochs after the epoch-0 evaluation, 0 = none");
    public static final Setting<Integer> FINETUNE_IMAGES = Setting.of(
            "evaluator.finetune.images",
            integer(10, 50_000),
            5_000,
            EVALUATOR,
            "training images per fine-tuning epoch");
    public static final Setting<String> FINETUNE_TRAINER = Setting.unset(
            "evaluator.finetune.trainer",
            choice("kernel", "samediff"),
            "kernel on a CPU",
            EVALUATOR,
            "what fine-tunes: `kernel` (the Java Vector API training kernel) or `samediff` (population "
                    + "graphs; the GPU path)");

    static final List<Setting<?>> ALL =
            List.of(GROUP, BATCH, TEST_IMAGES, FINETUNE_EPOCHS, FINETUNE_IMAGES, FINETUNE_TRAINER);
}
