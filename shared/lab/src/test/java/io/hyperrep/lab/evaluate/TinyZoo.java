package io.hyperrep.lab.evaluate;

import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.ml.cnn.Evaluation;
import io.hyperrep.ml.cnn.PopulationEvaluator;
import io.hyperrep.ml.cnn.PopulationTrainer;
import io.hyperrep.ml.cnn.StepListener;
import io.hyperrep.zoo.ZooDirectory;
import io.hyperrep.zoo.ZooSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A zoo small enough for tests: 6 CNN-s models (the fewest whose 70/15/15 split has no empty part)
 * trained one epoch on 1,500 images in batches of 50 with a 10x learning rate, so that 30 steps learn
 * something (steps, not images, cost time at this size);
 * metrics on 500 validation and test images (ZooTrainingJob would measure 30,000 images per epoch).
 */
final class TinyZoo {

    static final Architecture ARCH = Architectures.CNN_S;
    static final int MODELS = 6;
    static final int TRAIN_IMAGES = 1500;

    private TinyZoo() {}

    static ZooDirectory create(Path dir, ImageDataset data) {
        ZooRecipe recipe =
                ZooRecipe.fashionMnistDefault().withLearningRate(3e-3).withBatchSize(50);
        ZooSpec spec = new ZooSpec("tiny", recipe, MODELS, 1, 1, MODELS, ZooSpec.parseEpochs("0-1"), TRAIN_IMAGES);
        ZooDirectory zoo = ZooDirectory.create(dir, spec);
        long[] seeds = new long[MODELS];
        for (int i = 0; i < MODELS; i++) {
            seeds[i] = spec.seed(i);
        }
        PopulationTrainer t = PopulationTrainer.create(recipe, seeds);
        PopulationEvaluator ev = new PopulationEvaluator(ARCH, recipe.activation());
        for (int epoch = 0; epoch <= 1; epoch++) {
            if (epoch == 1) {
                t.trainEpoch(data.train().head(TRAIN_IMAGES), StepListener.NONE);
            }
            float[][] w = t.weights();
            Evaluation val = ev.evaluate(w, data.validation().head(500), recipe.normalization());
            Evaluation test = ev.evaluate(w, data.test().head(500), recipe.normalization());
            for (int i = 0; i < MODELS; i++) {
                zoo.writeCheckpoint(new Checkpoint(
                        spec.zooId(),
                        ZooSpec.modelId(i),
                        seeds[i],
                        epoch,
                        ARCH.id(),
                        ARCH.layoutHash(),
                        new CheckpointMetrics(val.loss()[i], val.accuracy()[i], val.accuracy()[i], test.accuracy()[i]),
                        w[i]));
            }
        }
        return zoo;
    }

    /** "Generated" models: the zoo's epoch-1 models plus N(0, sigma^2) noise, as checkpoint files. */
    static Path samples(Path dir, ZooDirectory zoo, int count, double sigma, String name) throws IOException {
        SplittableRandom rnd = new SplittableRandom(count);
        List<Checkpoint> trained = new ArrayList<>();
        for (Checkpoint c : zoo.readAll()) {
            if (c.epoch() == 1) {
                trained.add(c);
            }
        }
        for (int i = 0; i < count; i++) {
            float[] w = trained.get(i % trained.size()).weights().clone();
            for (int j = 0; j < w.length; j++) {
                w[j] += (float) (sigma * rnd.nextGaussian());
            }
            write(dir, String.format("s%04d", i), ARCH, w);
        }
        if (name != null) {
            Files.writeString(
                    dir.resolve("population.json"), "{\"name\": \"" + name + "\", \"sampler\": \"test-noise\"}");
        }
        return dir;
    }

    static Path write(Path dir, String id, Architecture arch, float[] w) throws IOException {
        Checkpoint c = new Checkpoint(
                "generated", id, 0, 0, arch.id(), arch.layoutHash(), new CheckpointMetrics(0, 0, 0, 0), w);
        Path f = dir.resolve("checkpoints").resolve(id).resolve("epoch-000.json");
        Files.createDirectories(f.getParent());
        Files.write(f, CheckpointCodec.encode(c));
        return f;
    }
}
