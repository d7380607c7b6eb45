package io.hyperrep.ml.hyper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.hyper.CheckpointDataset;
import io.hyperrep.core.token.Augmentation;
import io.hyperrep.ml.nd.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs into a directory: resume equals an uninterrupted run, bad state is refused, warm start starts where the earlier run ended. */
class HyperTrainingRunTest {

    static final CheckpointDataset DATA =
            CheckpointDataset.of(AutoencoderTrainerTest.syntheticZoo(12), CheckpointDataset.Options.standard(4, 5));
    // dropout, a schedule and clipping on: resume must reproduce all of them
    static final AutoencoderConfig CFG = TinyConfigs.oneBlock(8, 16, 8)
            .dropout(0.1)
            .projection(2, 8, 4)
            .batchSize(4)
            .build();
    static final HyperTrainingParams PARAMS =
            new HyperTrainingParams(3, 3e-3, 1e-2, LearningRateSchedule.WARMUP_COSINE, 2, 0.5, 7);
    static final Augmentation AUG = Augmentation.paper();

    @BeforeAll
    static void init() {
        Backend.init();
    }

    @Test
    void shouldContinueAResumedRunExactlyAsAnUninterruptedOne(@TempDir Path tmp) {
        Path straight = tmp.resolve("straight");
        List<HyperTrainingListener.StepProgress> steps = new ArrayList<>();
        HyperTrainingResult full = new HyperTrainingRun(DATA, CFG, PARAMS, AUG, straight)
                .train(
                        new HyperTrainingListener() {
                            @Override
                            public void stepDone(HyperTrainingListener.StepProgress p) {
                                steps.add(p);
                            }
                        },
                        () -> false);
        assertEquals(3, full.history().size());
        assertEquals(12, steps.size(), "16 training checkpoints, batch 4: 4 steps per epoch");
        assertTrue(steps.stream().anyMatch(p -> p.gradientNorm() > 0.5), "clipping was exercised");
        assertTrue(steps.get(0).learningRate() < steps.get(1).learningRate(), "warm-up");
        assertTrue(steps.get(11).learningRate() < 1e-9, "cosine ends at 0");
        assertTrue(Files.isRegularFile(straight.resolve(HyperFiles.AUTOENCODER)));
        assertTrue(Files.isRegularFile(straight.resolve(HyperFiles.CONFIG)));
        assertTrue(Files.isRegularFile(straight.resolve(HyperFiles.NORMALIZATION)));

        Path interrupted = tmp.resolve("interrupted");
        AtomicBoolean stop = new AtomicBoolean();
        HyperTrainingResult first = new HyperTrainingRun(DATA, CFG, PARAMS, AUG, interrupted)
                .train(
                        new HyperTrainingListener() {
                            @Override
                            public void epochDone(EpochResult e) {
                                stop.set(e.epoch() == 1);
                            }
                        },
                        stop::get);
        assertTrue(first.cancelled());
        assertEquals(1, first.epochsDone());
        HyperTrainingResult rest = new HyperTrainingRun(DATA, CFG, PARAMS, AUG, interrupted)
                .resume(HyperTrainingListener.NONE, () -> false);
        assertFalse(rest.cancelled());
        assertEquals(3, rest.history().size());

        for (int e = 0; e < 3; e++) {
            assertEquals(
                    full.history().get(e).validationLoss(),
                    rest.history().get(e).validationLoss(),
                    1e-6 * full.history().get(e).validationLoss());
            assertEquals(
                    full.history().get(e).objective(),
                    rest.history().get(e).objective(),
                    1e-6 * Math.abs(full.history().get(e).objective()));
        }
        assertEquals(full.bestEpoch(), rest.bestEpoch());
        TrainingState a = TrainingStateFile.read(straight.resolve(HyperFiles.STATE));
        TrainingState b = TrainingStateFile.read(interrupted.resolve(HyperFiles.STATE));
        assertEquals(a.optimizerSteps(), b.optimizerSteps());
        assertEquals(a.weights().keySet(), b.weights().keySet());
        assertTrue(
                maxAbsDiff(a.weights(), b.weights()) < 1e-6,
                "weights differ by " + maxAbsDiff(a.weights(), b.weights()));
        assertTrue(maxAbsDiff(a.optimizer(), b.optimizer()) < 1e-6, "optimiser state differs");
        // and the weights did move: the comparison is not between two untouched initialisations
        Map<String, INDArray> init = new AutoencoderTrainer(CFG, DATA, AUG, PARAMS).weights();
        assertTrue(maxAbsDiff(init, a.weights()) > 1e-3);
    }

    @Test
    void shouldRefuseATruncatedOrForeignStateAndAnOccupiedDirectory(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("run");
        HyperTrainingParams oneEpoch = new HyperTrainingParams(1, 1e-3, 0, LearningRateSchedule.CONSTANT, 0, 0, 1);
        new HyperTrainingRun(DATA, CFG, oneEpoch, AUG, dir).train(HyperTrainingListener.NONE, () -> false);

        IllegalArgumentException occupied =
                assertThrows(IllegalArgumentException.class, () -> new HyperTrainingRun(DATA, CFG, oneEpoch, AUG, dir)
                        .train(HyperTrainingListener.NONE, () -> false));
        assertTrue(occupied.getMessage().contains("already holds a training run"), occupied.getMessage());

        AutoencoderConfig other = CFG.toBuilder().latent(6).build();
        AutoencoderFileException foreign =
                assertThrows(AutoencoderFileException.class, () -> new HyperTrainingRun(DATA, other, oneEpoch, AUG, dir)
                        .resume(HyperTrainingListener.NONE, () -> false));
        assertTrue(foreign.getMessage().contains("belongs to a run with config"), foreign.getMessage());

        Path state = dir.resolve(HyperFiles.STATE);
        byte[] bytes = Files.readAllBytes(state);
        Files.write(state, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        AutoencoderFileException truncated =
                assertThrows(AutoencoderFileException.class, () -> new HyperTrainingRun(DATA, CFG, oneEpoch, AUG, dir)
                        .resume(HyperTrainingListener.NONE, () -> false));
        assertTrue(truncated.getMessage().contains("corrupt (truncated)"), truncated.getMessage());

        bytes[bytes.length / 2] ^= 0x40;
        Files.write(state, bytes);
        AutoencoderFileException flipped =
                assertThrows(AutoencoderFileException.class, () -> new HyperTrainingRun(DATA, CFG, oneEpoch, AUG, dir)
                        .resume(HyperTrainingListener.NONE, () -> false));
        assertTrue(flipped.getMessage().contains("corrupt"), flipped.getMessage());
    }

    @Test
    void shouldWarmStartFromAnEarlierAutoencoder(@TempDir Path tmp) throws IOException {
        Path earlier = tmp.resolve("earlier");
        new HyperTrainingRun(
                        DATA,
                        CFG,
                        new HyperTrainingParams(1, 3e-3, 0, LearningRateSchedule.CONSTANT, 0, 0, 1),
                        AUG,
                        earlier)
                .train(HyperTrainingListener.NONE, () -> false);
        Map<String, INDArray> saved = HyperFiles.readWeights(earlier);

        // a learning rate so small that one epoch leaves the warm-started weights where they began
        Path next = tmp.resolve("next");
        HyperTrainingParams still = new HyperTrainingParams(1, 1e-12, 0, LearningRateSchedule.CONSTANT, 0, 0, 2);
        List<HyperTrainingListener.Started> started = new ArrayList<>();
        new HyperTrainingRun(DATA, CFG, still, AUG, next)
                .warmStart(
                        earlier,
                        new HyperTrainingListener() {
                            @Override
                            public void started(HyperTrainingListener.Started s) {
                                started.add(s);
                            }
                        },
                        () -> false);
        assertTrue(started.get(0).warmStarted());
        Map<String, INDArray> after =
                TrainingStateFile.read(next.resolve(HyperFiles.STATE)).weights();
        Map<String, INDArray> shared = new java.util.LinkedHashMap<>();
        saved.keySet().forEach(k -> shared.put(k, after.get(k)));
        assertTrue(maxAbsDiff(saved, shared) < 1e-6, "warm-started weights moved by " + maxAbsDiff(saved, shared));

        AutoencoderConfig wider = CFG.toBuilder().dModel(16).build();
        AutoencoderFileException e = assertThrows(
                AutoencoderFileException.class, () -> new HyperTrainingRun(DATA, wider, still, AUG, tmp.resolve("x"))
                        .warmStart(earlier, HyperTrainingListener.NONE, () -> false));
        assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
    }

    static double maxAbsDiff(Map<String, INDArray> a, Map<String, INDArray> b) {
        double max = 0;
        for (Map.Entry<String, INDArray> e : a.entrySet()) {
            INDArray o = b.get(e.getKey());
            assertTrue(o != null, "missing " + e.getKey());
            max = Math.max(max, e.getValue().sub(o).amaxNumber().doubleValue());
        }
        return max;
    }
}
