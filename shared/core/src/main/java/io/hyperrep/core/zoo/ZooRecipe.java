package io.hyperrep.core.zoo;

import io.hyperrep.core.arch.Activation;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.Normalization;

/**
 * How every model of a zoo is trained; models differ only in their seed, which fixes both the
 * initialisation and the data order. Defaults follow docs/METHOD.md §11 (the MNIST recipe with
 * kaiming-uniform init, for Fashion-MNIST).
 *
 * @param weightDecay coupled L2 (added to the gradient, as PyTorch's Adam), not decoupled
 */
public record ZooRecipe(
        String dataset,
        String arch,
        Activation activation,
        Initialization init,
        double learningRate,
        double beta1,
        double beta2,
        double epsilon,
        double weightDecay,
        int batchSize,
        Normalization normalization) {

    /** Fashion-MNIST statistics of the 60k training IDX file, bytes/255 then standardised. */
    public static final Normalization FASHION_MNIST_NORMALIZATION = new Normalization(0.286041, 0.353024);

    public ZooRecipe {
        Datasets.requireKnown(dataset);
        Architectures.byId(arch);
        if (!(learningRate > 0) || !(learningRate < 1)) {
            throw new IllegalArgumentException("learning rate must be in (0, 1), got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("epsilon must be > 0 and weight decay >= 0");
        }
        if (batchSize <= 0 || batchSize > 10_000) {
            throw new IllegalArgumentException("batch size must be in 1..10000, got " + batchSize);
        }
    }

    /** The default Fashion-MNIST CNN-s recipe: tanh, kaiming-uniform + bias 0.01, Adam 3e-4, batch 10. */
    public static ZooRecipe fashionMnistDefault() {
        return new ZooRecipe(
                "fashion-mnist",
                "cnn-s",
                Activation.TANH,
                Initialization.KAIMING_UNIFORM,
                3e-4,
                0.9,
                0.999,
                1e-8,
                0.0,
                10,
                FASHION_MNIST_NORMALIZATION);
    }

    // Kept apart (duplicates): Java 17 records have no `with` expression; a wither copies every other component.
    public ZooRecipe withArch(String a) {
        return new ZooRecipe(
                dataset,
                a,
                activation,
                init,
                learningRate,
                beta1,
                beta2,
                epsilon,
                weightDecay,
                batchSize,
                normalization);
    }

    public ZooRecipe withBatchSize(int b) {
        return new ZooRecipe(
                dataset, arch, activation, init, learningRate, beta1, beta2, epsilon, weightDecay, b, normalization);
    }

    public ZooRecipe withDataset(String d) {
        return new ZooRecipe(
                d, arch, activation, init, learningRate, beta1, beta2, epsilon, weightDecay, batchSize, normalization);
    }

    public ZooRecipe withInit(Initialization i) {
        return new ZooRecipe(
                dataset,
                arch,
                activation,
                i,
                learningRate,
                beta1,
                beta2,
                epsilon,
                weightDecay,
                batchSize,
                normalization);
    }

    public ZooRecipe withWeightDecay(double wd) {
        return new ZooRecipe(
                dataset, arch, activation, init, learningRate, beta1, beta2, epsilon, wd, batchSize, normalization);
    }

    public ZooRecipe withLearningRate(double lr) {
        return new ZooRecipe(
                dataset, arch, activation, init, lr, beta1, beta2, epsilon, weightDecay, batchSize, normalization);
    }
}
