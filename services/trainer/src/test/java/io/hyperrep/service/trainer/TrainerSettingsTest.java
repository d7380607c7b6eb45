package io.hyperrep.service.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.ml.hyper.HyperTrainingRun;
import io.hyperrep.service.runtime.ConfigException;
import io.hyperrep.service.runtime.Settings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The trainer service's task-loss and best-epoch settings: defaults, values, and clear rejections. */
class TrainerSettingsTest {

    static final Settings BASE = Settings.empty().with("kafka.bootstrap", "localhost:9092");

    @Test
    void shouldLeaveTheTaskLossOffByDefault() {
        TrainerSettings s = TrainerSettings.from(BASE);
        assertNull(s.task());
        assertEquals(HyperTrainingRun.BestEpoch.VALIDATION_LOSS, s.bestEpoch());
    }

    @Test
    void shouldReadTheTaskLossWithItsDefaults() {
        TrainerSettings s = TrainerSettings.from(
                BASE.with("trainer.task.loss", "1").with("data.dir", "/data/fm").with("trainer.best.epoch", "last"));
        assertEquals(new TrainerSettings.Task(1, 0, 32, 0.4, Path.of("/data/fm")), s.task());
        assertEquals(HyperTrainingRun.BestEpoch.LAST, s.bestEpoch());
    }

    @Test
    void shouldReadTheFunctionLossAloneOrBesideTheTaskLoss() {
        assertEquals(
                new TrainerSettings.Task(0, 0.5, 32, 0.4, null),
                TrainerSettings.from(BASE.with("trainer.function.loss", "0.5")).task());
        assertEquals(
                new TrainerSettings.Task(1, 2, 16, 0.4, null),
                TrainerSettings.from(BASE.with("trainer.function.loss", "2")
                                .with("trainer.task.loss", "1")
                                .with("trainer.task.images", "16"))
                        .task());
        ConfigException e = assertThrows(
                ConfigException.class, () -> TrainerSettings.from(BASE.with("trainer.function.loss", "much")));
        assertTrue(e.getMessage().contains("trainer.function.loss"), e.getMessage());
    }

    @Test
    void shouldRejectImpossibleTaskSettingsNamingTheKey() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> TrainerSettings.from(BASE.with("trainer.task.loss", "-1")));
        assertTrue(e.getMessage().contains("trainer.task.loss"), e.getMessage());
        e = assertThrows(
                ConfigException.class,
                () -> TrainerSettings.from(BASE.with("trainer.task.loss", "1").with("trainer.task.images", "0")));
        assertTrue(e.getMessage().contains("trainer.task.images"), e.getMessage());
    }

    @Test
    void shouldReadTheRetryAndReadTimeoutSettings() {
        TrainerSettings d = TrainerSettings.from(BASE);
        assertEquals(new TrainerSettings.Retries(5, 5_000), d.retries());
        assertEquals(java.time.Duration.ofMinutes(2), d.readTimeout());
        TrainerSettings s = TrainerSettings.from(BASE.with("trainer.retry.attempts", "2")
                .with("trainer.retry.pause.ms", "100")
                .with("trainer.read.timeout.ms", "3000"));
        assertEquals(new TrainerSettings.Retries(2, 100), s.retries());
        assertEquals(java.time.Duration.ofSeconds(3), s.readTimeout());
        TrainerSettings durations =
                TrainerSettings.from(BASE.with("trainer.retry.pause", "250ms").with("trainer.read.timeout", "10m"));
        assertEquals(new TrainerSettings.Retries(5, 250), durations.retries());
        assertEquals(java.time.Duration.ofMinutes(10), durations.readTimeout());
        ConfigException e = assertThrows(
                ConfigException.class, () -> TrainerSettings.from(BASE.with("trainer.retry.attempts", "0")));
        assertTrue(e.getMessage().contains("trainer.retry.attempts"), e.getMessage());
    }
}
