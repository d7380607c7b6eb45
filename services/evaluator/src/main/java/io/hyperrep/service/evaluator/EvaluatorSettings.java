package io.hyperrep.service.evaluator;

import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.TopicPolicy;
import io.hyperrep.ml.cnn.TrainerKind;
import io.hyperrep.service.runtime.KafkaSetup;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.service.settings.CommonKeys;
import io.hyperrep.service.settings.EvaluatorKeys;
import java.nio.file.Path;

/**
 * The evaluator's settings ({@code evaluator.*}, {@code kafka.*}).
 *
 * @param batch           generated models per poll, evaluated together in population calls ({@code evaluator.batch})
 * @param testImages      Fashion-MNIST test images used ({@code evaluator.test.images}; the first n of the 10k)
 * @param finetuneEpochs  fine-tuning epochs after the epoch-0 evaluation ({@code evaluator.finetune.epochs}, 0 = none)
 * @param finetuneImages  training images per fine-tuning epoch ({@code evaluator.finetune.images})
 * @param finetuneTrainer what fine-tunes ({@code evaluator.finetune.trainer}: kernel or samediff), null = kernel on a CPU
 * @param dataDir         the Fashion-MNIST directory ({@code data.dir}), or null for the default location
 */
record EvaluatorSettings(
        KafkaClients kafka,
        String group,
        TopicPolicy topics,
        int batch,
        int testImages,
        int finetuneEpochs,
        int finetuneImages,
        TrainerKind finetuneTrainer,
        Path dataDir) {

    static EvaluatorSettings from(Settings s) {
        return new EvaluatorSettings(
                KafkaSetup.clients(s),
                s.get(EvaluatorKeys.GROUP),
                KafkaSetup.topics(s),
                s.get(EvaluatorKeys.BATCH),
                s.get(EvaluatorKeys.TEST_IMAGES),
                s.get(EvaluatorKeys.FINETUNE_EPOCHS),
                s.get(EvaluatorKeys.FINETUNE_IMAGES),
                s.find(EvaluatorKeys.FINETUNE_TRAINER).map(TrainerKind::parse).orElse(null),
                s.find(CommonKeys.DATA_DIR).orElse(null));
    }
}
