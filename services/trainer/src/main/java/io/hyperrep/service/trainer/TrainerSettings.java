package io.hyperrep.service.trainer;

import io.hyperrep.core.token.Augmentation;
import io.hyperrep.ml.hyper.AutoencoderConfig;
import io.hyperrep.ml.hyper.AutoencoderConfigJson;
import io.hyperrep.ml.hyper.HyperTrainingParams;
import io.hyperrep.ml.hyper.HyperTrainingRun;
import io.hyperrep.ml.hyper.LearningRateSchedule;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.TopicPolicy;
import io.hyperrep.service.runtime.KafkaSetup;
import io.hyperrep.service.runtime.ConfigException;
import io.hyperrep.service.runtime.Settings;
import java.nio.file.Path;

/**
 * The trainer service's settings ({@code trainer.*}, {@code artifacts.dir}, {@code kafka.*}, {@code data.dir}).
 *
 * @param task the task and function terms ({@code trainer.task.loss} or {@code trainer.function.loss} &gt; 0), or null for
 *             the paper's loss
 * @param retries {@code trainer.retry.attempts} and {@code trainer.retry.pause.ms}: how a job that hit Kafka trouble is retried
 * @param readTimeout {@code trainer.read.timeout.ms}: how long rebuilding a job's snapshot may take before it counts as Kafka trouble
 */
record TrainerSettings(KafkaClients kafka, TopicPolicy topics, String group, Path artifacts, AutoencoderConfig config, HyperTrainingParams fresh,
                       HyperTrainingParams warm, int windowSize, int minModels, Augmentation augmentation, HyperTrainingRun.BestEpoch bestEpoch,
                       Task task, Retries retries, java.time.Duration readTimeout) {

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
    record Task(double weight, double functionWeight, int images, double mixNoise, Path dataDir) {
    }

    static TrainerSettings from(Settings s) {
        AutoencoderConfig cfg = AutoencoderConfig.cpuDefault();
        var file = s.find("trainer.config");
        if (file.isPresent()) {
            try {
                cfg = AutoencoderConfigJson.resolve(file.get());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("trainer.config " + file.get() + ": " + e.getMessage());
            }
        }
        int epochs = s.integer("trainer.epochs", 30, 1, 10_000);
        int warmEpochs = s.integer("trainer.warmstart.epochs", Math.max(1, epochs / 3), 1, 10_000);
        double lr = s.number("trainer.lr", 1e-3, 1e-7, 1);
        double wd = s.number("trainer.weightdecay", 3e-5, 0, 1);
        long seed = s.integer("trainer.seed", 42, 0, Integer.MAX_VALUE);
        LearningRateSchedule schedule = parsed(s, "trainer.schedule", "none", LearningRateSchedule::parse);
        int warmup = s.integer("trainer.warmup.steps", 0, 0, 1_000_000);
        return new TrainerSettings(KafkaSetup.clients(s), KafkaSetup.topics(s), s.string("trainer.group", "hyperrep-trainer"),
                Path.of(s.string("artifacts.dir", "target/hyperrep-artifacts")), cfg,
                new HyperTrainingParams(epochs, lr, wd, schedule, warmup, 0, seed),
                new HyperTrainingParams(warmEpochs, lr, wd, schedule, warmup, 0, seed),
                s.integer("trainer.window", 5, 1, 1000), s.integer("trainer.min.models", 10, 3, 1_000_000),
                parsed(s, "trainer.augment", "paper", Augmentation::parse),
                parsed(s, "trainer.best.epoch", "validation", HyperTrainingRun.BestEpoch::parse), task(s),
                new Retries(s.integer("trainer.retry.attempts", 5, 1, 1000), s.integer("trainer.retry.pause.ms", 5_000, 0, 60_000)),
                java.time.Duration.ofMillis(s.integer("trainer.read.timeout.ms", 120_000, 1_000, 3_600_000)));
    }

    private static Task task(Settings s) {
        double weight = s.number("trainer.task.loss", 0, 0, 1_000);
        double function = s.number("trainer.function.loss", 0, 0, 1_000);
        if (weight == 0 && function == 0) {
            return null;
        }
        return new Task(weight, function, s.integer("trainer.task.images", 32, 1, 10_000), s.number("trainer.task.mix.noise", 0.4, 0, 100),
                s.find("data.dir").map(Path::of).orElse(null));
    }

    private static <T> T parsed(Settings s, String key, String fallback, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(s.string(key, fallback));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting '" + key + "': " + e.getMessage());
        }
    }
}
