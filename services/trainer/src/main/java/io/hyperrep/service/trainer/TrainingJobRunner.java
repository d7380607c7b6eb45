package io.hyperrep.service.trainer;

import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.hyper.CheckpointDataset;
import io.hyperrep.core.hyper.EpochWindow;
import io.hyperrep.core.io.ArtifactStore;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.events.PipelineEvents.TrainingJob;
import io.hyperrep.ml.hyper.HyperTrainingListener;
import io.hyperrep.ml.hyper.HyperTrainingResult;
import io.hyperrep.ml.hyper.HyperTrainingRun;
import io.hyperrep.ml.hyper.TaskLoss;
import io.hyperrep.ml.hyper.TaskTraining;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs one training job on checkpoints already rebuilt from its snapshot: fresh, warm-started, or
 * resumed from the job's state directory when an earlier attempt (maybe on another worker) got
 * that far. Stores the result in the artifact store. No Kafka, no Vert.x.
 */
final class TrainingJobRunner {

    /** What a finished job produced. */
    record Outcome(
            HyperTrainingResult result,
            ArtifactStore.Ref artifact,
            CheckpointDataset data,
            boolean resumed,
            String warmFrom) {}

    private final TrainerSettings settings;
    private final ArtifactStore store;
    /** Loaded on the first job that needs it (on the worker thread: reading the dataset takes a second). */
    private TaskTraining task;

    TrainingJobRunner(TrainerSettings settings, ArtifactStore store) {
        this.settings = settings;
        this.store = store;
    }

    /**
     * @param warmStartArtifact the stored directory to warm-start from, if the job asks for it and it exists
     * @return the outcome, or empty when cancelled (state kept for a resume)
     */
    Optional<Outcome> run(
            TrainingJob job,
            List<Checkpoint> checkpoints,
            Optional<Path> warmStartArtifact,
            HyperTrainingListener listener,
            BooleanSupplier cancelled) {
        int[] window = EpochWindow.lastConsecutive(checkpoints, settings.windowSize());
        CheckpointDataset data =
                CheckpointDataset.of(checkpoints, CheckpointDataset.Options.standard(window[0], window[1]));
        Path dir = store.jobDir(job.jobId());
        boolean warm = warmStartArtifact.isPresent();
        HyperTrainingRun run = new HyperTrainingRun(
                data,
                settings.config(),
                warm ? settings.warm() : settings.fresh(),
                settings.augmentation(),
                dir,
                settings.bestEpoch(),
                taskTraining());
        boolean resumed = HyperTrainingRun.hasState(dir);
        HyperTrainingResult r = resumed
                ? run.resume(listener, cancelled)
                : warm ? run.warmStart(warmStartArtifact.get(), listener, cancelled) : run.train(listener, cancelled);
        if (r.cancelled()) {
            return Optional.empty();
        }
        ArtifactStore.Ref ref =
                store.put(dir, p -> !dir.relativize(p).toString().startsWith("state"));
        return Optional.of(new Outcome(
                r, ref, data, resumed, warmStartArtifact.map(Path::toString).orElse(null)));
    }

    /** The zoos the services handle use the default Fashion-MNIST recipe (as the evaluator service does). */
    private TaskTraining taskTraining() {
        TrainerSettings.Task t = settings.task();
        if (t == null) {
            return null;
        }
        if (task == null) {
            ZooRecipe recipe = ZooRecipe.fashionMnistDefault();
            task = new TaskTraining(
                    new TaskLoss(t.weight(), t.functionWeight(), t.images(), t.mixNoise(), recipe.activation()),
                    Datasets.load(recipe.dataset(), t.dataDir()).train(),
                    recipe.normalization());
        }
        return task;
    }
}
