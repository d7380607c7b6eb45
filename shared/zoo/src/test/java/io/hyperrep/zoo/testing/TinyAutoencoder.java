package io.hyperrep.zoo.testing;

import io.hyperrep.core.hyper.EpochWindow;
import io.hyperrep.core.io.ArtifactStore;
import io.hyperrep.core.token.Augmentation;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.AutoencoderVersion;
import io.hyperrep.events.Snapshot;
import io.hyperrep.ml.hyper.AutoencoderConfig;
import io.hyperrep.ml.hyper.AutoencoderConfigJson;
import io.hyperrep.ml.hyper.HyperTrainingListener;
import io.hyperrep.ml.hyper.HyperTrainingParams;
import io.hyperrep.ml.hyper.HyperTrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The autoencoder of the integration tests (shared as the test jar of {@code hyperrep-zoo}, the lowest
 * module that knows both autoencoders and pipeline events): small enough to train in seconds on a
 * {@code TestZoo}, and trained and stored the way the trainer service leaves a version.
 */
public final class TinyAutoencoder {

    /** Two transformer layers of width 8, latent 8, no dropout: every test gets the same numbers. */
    public static final AutoencoderConfig CONFIG = AutoencoderConfig.builder()
            // Kept apart (duplicates): shared/ml's HyperTrainingRunTest builds its own tiny config with dropout on
            // (its resume must reproduce dropout), and ml's tests cannot use this jar (zoo depends on ml).
            .transformer(8, 2, 16, 1)
            .latent(8)
            .dropout(0.0)
            .projection(2, 8, 4)
            .gamma(0.1)
            .temperature(0.1)
            .lwln(true)
            .batchSize(4)
            .build();

    private TinyAutoencoder() {}

    /** Writes {@link #CONFIG} as {@code dir/tiny.json}, the file {@code trainer.config} names; returns it. */
    public static Path writeConfig(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.write(dir.resolve("tiny.json"), AutoencoderConfigJson.write(CONFIG));
    }

    /**
     * What the trainer publishes for {@code snapshot}: {@link #CONFIG} trained two epochs on the
     * training split of {@code checkpoints} (the snapshot's) with epoch window {@code epochWindow}
     * ({@code null}: a version from before the field, trained on the legacy window), stored in
     * {@code artifacts} without its training state, and the version record naming it.
     */
    public static AutoencoderVersion trainVersion(
            Snapshot snapshot, List<Checkpoint> checkpoints, Integer epochWindow, Path work, Path artifacts) {
        int window = epochWindow != null ? epochWindow : PipelineEvents.LEGACY_EPOCH_WINDOW;
        Path dir = work.resolve("ae-" + snapshot.zooId());
        new HyperTrainingRun(
                        EpochWindow.dataset(checkpoints, window),
                        CONFIG,
                        HyperTrainingParams.constant(2, 1e-3, 0, 1),
                        Augmentation.paper(),
                        dir)
                .train(HyperTrainingListener.NONE, () -> false);
        ArtifactStore.Ref ref = new ArtifactStore(artifacts)
                .put(dir, p -> !dir.relativize(p).toString().startsWith("state"));
        String zoo = snapshot.zooId();
        return new AutoencoderVersion(
                "ae-" + zoo,
                zoo,
                "job-" + zoo,
                snapshot.id(),
                null,
                ref.uri(),
                ref.sha256(),
                "cnn-s",
                2,
                0.1,
                0.5,
                Instant.now().toString(),
                epochWindow);
    }
}
