package io.hyperrep.service.trainer;

import io.hyperrep.ml.hyper.AutoencoderConfig;
import io.hyperrep.ml.hyper.AutoencoderConfigJson;
import io.hyperrep.ml.hyper.HyperTrainingParams;
import io.hyperrep.ml.hyper.LearningRateSchedule;
import io.hyperrep.service.runtime.ConfigException;
import io.hyperrep.service.runtime.Settings;
import java.nio.file.Path;

/** The trainer service's settings ({@code trainer.*}, {@code artifacts.dir}, {@code kafka.bootstrap}). */
record TrainerSettings(String bootstrap, String group, Path artifacts, AutoencoderConfig config, HyperTrainingParams fresh,
                       HyperTrainingParams warm, int windowSize, int minModels) {

    static TrainerSettings from(Settings s) {
        AutoencoderConfig cfg = AutoencoderConfig.cpuDefault();
        var file = s.find("trainer.config");
        if (file.isPresent()) {
            try {
                cfg = AutoencoderConfigJson.read(Path.of(file.get()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("trainer.config " + file.get() + ": " + e.getMessage());
            }
        }
        int epochs = s.integer("trainer.epochs", 30, 1, 10_000);
        int warmEpochs = s.integer("trainer.warmstart.epochs", Math.max(1, epochs / 3), 1, 10_000);
        double lr = s.number("trainer.lr", 1e-3, 1e-7, 1);
        double wd = s.number("trainer.weightdecay", 3e-5, 0, 1);
        long seed = s.integer("trainer.seed", 42, 0, Integer.MAX_VALUE);
        return new TrainerSettings(s.requiredString("kafka.bootstrap"), s.string("trainer.group", "hyperrep-trainer"),
                Path.of(s.string("artifacts.dir", "target/hyperrep-artifacts")), cfg,
                new HyperTrainingParams(epochs, lr, wd, LearningRateSchedule.CONSTANT, 0, 0, seed),
                new HyperTrainingParams(warmEpochs, lr, wd, LearningRateSchedule.CONSTANT, 0, 0, seed),
                s.integer("trainer.window", 5, 1, 1000), s.integer("trainer.min.models", 10, 3, 1_000_000));
    }
}
