package io.hyperrep.service.trainer;

import io.hyperrep.core.token.Augmentation;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.TopicPolicy;
import io.hyperrep.ml.hyper.AutoencoderConfig;
import io.hyperrep.ml.hyper.AutoencoderConfigJson;
import io.hyperrep.ml.hyper.HyperTrainingParams;
import io.hyperrep.ml.hyper.HyperTrainingRun;
import io.hyperrep.ml.hyper.LearningRateSchedule;
import io.hyperrep.service.runtime.ConfigException;
import io.hyperrep.service.runtime.KafkaSetup;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.service.settings.CommonKeys;
import io.hyperrep.service.settings.Setting;
import io.hyperrep.service.settings.TrainerKeys;
import java.nio.file.Path;

/**
 * The trainer service's settings ({@code trainer.*}, {@code artifacts.dir}, {@code kafka.*}, {@code data.dir}), read through their
 * declarations in {@link TrainerKeys} and {@link CommonKeys}.
 *
 * @param task the task and function terms ({@code trainer.task.loss} or {@code trainer.function.loss} &gt; 0), or null for
 *             the paper's loss
 * @param retries {@code trainer.retry.attempts} and {@code trainer.retry.pause}: how a job that hit Kafka trouble is retried
 * @param readTimeout {@code trainer.read.timeout}: how long rebuilding a job's snapshot may take before it counts as Kafka trouble
 */
record TrainerSettings(
        KafkaClients kafka,
        TopicPolicy topics,
        String group,
        Path artifacts,
        AutoencoderConfig config,
        HyperTrainingParams fresh,
        HyperTrainingParams warm,
        int windowSize,
        int minModels,
        Augmentation augmentation,
        HyperTrainingRun.BestEpoch bestEpoch,
        Task task,
        Retries retries,
        java.time.Duration readTimeout) {

    /** At most {@code attempts} runs of a job that keeps hitting Kafka trouble, the first retry after {@code pauseMillis}. */
    record Retries(int attempts, long pauseMillis) {
        JobRetries policy() {
            return new JobRetries(attempts, java.time.Duration.ofMillis(pauseMillis));
        }
    }

    /**
     * {@code trainer.task.loss} (weight, 0 = off), {@code trainer.function.loss} (weight, 0 = off),
     * {@code trainer.task.images}, {@code trainer.task.mix.noise}, and the Fashion-MNIST directory {@code data.dir}
     * (null: the default location) for the training images.
     */
    record Task(double weight, double functionWeight, int images, double mixNoise, Path dataDir) {}

    static TrainerSettings from(Settings s) {
        AutoencoderConfig cfg = parsed(s, TrainerKeys.CONFIG, AutoencoderConfigJson::resolve);
        int epochs = s.get(TrainerKeys.EPOCHS);
        int warmEpochs = s.find(TrainerKeys.WARMSTART_EPOCHS).orElse(Math.max(1, epochs / 3));
        double lr = s.get(TrainerKeys.LR);
        double wd = s.get(TrainerKeys.WEIGHTDECAY);
        long seed = s.get(TrainerKeys.SEED);
        LearningRateSchedule schedule = parsed(s, TrainerKeys.SCHEDULE, LearningRateSchedule::parse);
        int warmup = s.get(TrainerKeys.WARMUP_STEPS);
        return new TrainerSettings(
                KafkaSetup.clients(s),
                KafkaSetup.topics(s),
                s.get(TrainerKeys.GROUP),
                s.get(CommonKeys.ARTIFACTS_DIR),
                cfg,
                new HyperTrainingParams(epochs, lr, wd, schedule, warmup, 0, seed),
                new HyperTrainingParams(warmEpochs, lr, wd, schedule, warmup, 0, seed),
                s.get(TrainerKeys.WINDOW),
                s.get(TrainerKeys.MIN_MODELS),
                parsed(s, TrainerKeys.AUGMENT, Augmentation::parse),
                parsed(s, TrainerKeys.BEST_EPOCH, HyperTrainingRun.BestEpoch::parse),
                task(s),
                new Retries(
                        s.get(TrainerKeys.RETRY_ATTEMPTS),
                        s.get(TrainerKeys.RETRY_PAUSE).toMillis()),
                s.get(TrainerKeys.READ_TIMEOUT));
    }

    private static Task task(Settings s) {
        double weight = s.get(TrainerKeys.TASK_LOSS);
        double function = s.get(TrainerKeys.FUNCTION_LOSS);
        if (weight == 0 && function == 0) {
            return null;
        }
        return new Task(
                weight,
                function,
                s.get(TrainerKeys.TASK_IMAGES),
                s.get(TrainerKeys.TASK_MIX_NOISE),
                s.find(CommonKeys.DATA_DIR).orElse(null));
    }

    /** A setting whose text the ML module interprets (a config name or file, an augmentation spec, a schedule). */
    private static <T> T parsed(Settings s, Setting<String> setting, java.util.function.Function<String, T> parse) {
        String text = s.get(setting);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting '" + setting.key() + "' = '" + text + "': " + e.getMessage());
        }
    }
}
