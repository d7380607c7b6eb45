package io.hyperrep.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.ml.cnn.TrainerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A zoo job interrupted after an epoch resumes to exactly the zoo an uninterrupted job writes. */
class ZooTrainingJobTest {

    static ImageDataset data;

    @BeforeAll
    static void load() {
        data = Datasets.load("fashion-mnist", null);
    }

    static ZooSpec spec(int models, int groupSize) {
        return new ZooSpec(
                "t", ZooRecipe.fashionMnistDefault(), models, 3, 5, groupSize, ZooSpec.parseEpochs("0,2-3"), 60);
    }

    /** Simulates a crash: fails right after a group finished the given epoch (its state is saved by then). */
    static final class CrashAfter implements ZooProgress {
        private final int epoch;

        CrashAfter(int epoch) {
            this.epoch = epoch;
        }

        @Override
        public void started(long total, long done) {}

        @Override
        public void stepped(int group, int e, int step, int steps, int groupSize) {}

        @Override
        public void epochDone(int group, int e, int groupSize, double meanTestAcc) {
            if (e == epoch) {
                throw new IllegalStateException("simulated crash after epoch " + e);
            }
        }
    }

    @Test
    void aSharedInitialisationZooStartsEveryModelAlikeAndDiversifiesByDataOrder(@TempDir Path tmp) {
        ZooSpec shared =
                new ZooSpec("s", ZooRecipe.fashionMnistDefault(), 3, 2, 5, 2, ZooSpec.parseEpochs("0,2"), 60, 77L);
        ZooDirectory dir = ZooDirectory.create(tmp.resolve("shared"), shared);
        List<Checkpoint> written = new ArrayList<>();
        new ZooTrainingJob(dir, data).run(1, ZooProgress.NONE, written::add);
        List<Checkpoint> start = written.stream().filter(c -> c.epoch() == 0).toList();
        List<Checkpoint> end = written.stream().filter(c -> c.epoch() == 2).toList();
        assertEquals(3, start.size());
        assertArrayEquals(start.get(0).weights(), start.get(1).weights());
        assertArrayEquals(start.get(0).weights(), start.get(2).weights());
        assertTrue(
                !java.util.Arrays.equals(end.get(0).weights(), end.get(1).weights()),
                "data order must make the models differ");
        assertEquals(
                77L,
                ZooDirectory.open(dir.root()).spec().sharedInitSeed(),
                "the spec on disk keeps the shared seed (resume)");
        ZooDirectory plain = ZooDirectory.create(tmp.resolve("plain"), spec(2, 2));
        assertEquals(null, ZooDirectory.open(plain.root()).spec().sharedInitSeed(), "a seed-per-model zoo stays one");
    }

    @ParameterizedTest
    @EnumSource(TrainerKind.class)
    void shouldResumeAnInterruptedZooToTheSameCheckpoints(TrainerKind trainer, @TempDir Path tmp) {
        ZooDirectory straight = ZooDirectory.create(tmp.resolve("straight"), spec(3, 2));
        new ZooTrainingJob(straight, data, trainer).run(1, ZooProgress.NONE, c -> {});

        ZooDirectory crashed = ZooDirectory.create(tmp.resolve("crashed"), spec(3, 2));
        assertThrows(IllegalStateException.class, () -> new ZooTrainingJob(crashed, data, trainer)
                .run(1, new CrashAfter(2), c -> {}));
        assertTrue(Files.exists(crashed.root().resolve("state/group-000.json")), "state saved after epoch 2");
        assertTrue(Files.exists(crashed.stateFile(0, trainer)), "weights and Adam moments saved by " + trainer);
        // the other group was stopped before run() returned: nothing writes into the zoo any more
        List<Path> afterCrash = crashed.checkpointFiles();
        List<String> metricsAfterCrash = crashed.metricRows();
        sleepQuietly(1500);
        assertEquals(afterCrash, crashed.checkpointFiles(), "no checkpoint written after the failed run returned");
        assertEquals(metricsAfterCrash, crashed.metricRows());
        List<Checkpoint> resumedOutput = new ArrayList<>();
        long[] progress = new long[2];
        // resumed on two workers (the kernel then trains each group on one thread, not two): the same zoo
        new ZooTrainingJob(ZooDirectory.open(crashed.root()), data, trainer)
                .run(
                        2,
                        new ZooProgress() {
                            @Override
                            public void started(long total, long done) {
                                progress[0] = total;
                                progress[1] = done;
                            }

                            @Override
                            public void stepped(int g, int e, int s, int n, int k) {}

                            @Override
                            public void epochDone(int g, int e, int k, double acc) {}
                        },
                        resumedOutput::add);
        assertEquals(9, progress[0]);
        assertEquals(4, progress[1], "group 0 had 2 models x 2 epochs done");

        List<Checkpoint> a = straight.readAll();
        assertEquals(9, a.size(), "3 models x kept epochs 0,2,3");
        for (Checkpoint x : a) {
            Checkpoint y = ZooDirectory.readCheckpoint(crashed.checkpointFile(x.modelId(), x.epoch()));
            assertArrayEquals(x.weights(), y.weights(), x.key());
            assertEquals(x.metrics(), y.metrics(), x.key());
        }
        assertEquals(straight.metricRows(), crashed.metricRows());
        assertTrue(Files.notExists(crashed.root().resolve("state/group-000.json")), "state removed when done");
        assertTrue(Files.notExists(crashed.stateFile(0, trainer)), "state removed when done");
        assertEquals(1 + 3 * 4, crashed.metricRows().size(), "header + 3 models x epochs 0..3");
    }

    @Test
    void aStaleStateOfTheOtherTrainerIsNotResumed(@TempDir Path tmp) throws java.io.IOException {
        // a kernel state left from an earlier attempt at this group, e.g. after its marker was deleted to retrain it
        ZooDirectory earlier = ZooDirectory.create(tmp.resolve("earlier"), spec(2, 2));
        assertThrows(IllegalStateException.class, () -> new ZooTrainingJob(earlier, data, TrainerKind.KERNEL)
                .run(1, new CrashAfter(2), c -> {}));
        ZooDirectory straight = ZooDirectory.create(tmp.resolve("straight"), spec(2, 2));
        new ZooTrainingJob(straight, data, TrainerKind.SAMEDIFF).run(1, ZooProgress.NONE, c -> {});

        ZooDirectory crashed = ZooDirectory.create(tmp.resolve("crashed"), spec(2, 2));
        Files.createDirectories(crashed.stateFile(0, TrainerKind.KERNEL).getParent());
        Files.copy(earlier.stateFile(0, TrainerKind.KERNEL), crashed.stateFile(0, TrainerKind.KERNEL));
        assertThrows(IllegalStateException.class, () -> new ZooTrainingJob(crashed, data, TrainerKind.SAMEDIFF)
                .run(1, new CrashAfter(2), c -> {}));
        new ZooTrainingJob(ZooDirectory.open(crashed.root()), data, TrainerKind.SAMEDIFF)
                .run(1, ZooProgress.NONE, c -> {});
        for (Checkpoint x : straight.readAll()) {
            assertArrayEquals(
                    x.weights(),
                    ZooDirectory.readCheckpoint(crashed.checkpointFile(x.modelId(), x.epoch()))
                            .weights(),
                    x.key());
        }
    }

    @Test
    void shouldRefuseADifferentZooInTheSameDirectory(@TempDir Path tmp) {
        ZooDirectory.create(tmp, spec(3, 2));
        ZooException e = assertThrows(ZooException.class, () -> ZooDirectory.create(tmp, spec(4, 2)));
        assertTrue(e.getMessage().contains("already holds a different zoo"));
        assertEquals(spec(3, 2), ZooDirectory.open(tmp).spec());
    }

    @Test
    void shouldParseEpochLists() {
        assertEquals(List.of(0, 6, 7, 8), new ArrayList<>(ZooSpec.parseEpochs("0, 6-8")));
        assertThrows(IllegalArgumentException.class, () -> ZooSpec.parseEpochs("8-6"));
        assertThrows(IllegalArgumentException.class, () -> ZooSpec.parseEpochs("x"));
        assertThrows(IllegalArgumentException.class, () -> spec(0, 1));
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
