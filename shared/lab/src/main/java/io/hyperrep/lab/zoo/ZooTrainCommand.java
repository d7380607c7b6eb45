package io.hyperrep.lab.zoo;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.data.Datasets;
import io.hyperrep.core.data.ImageDataset;
import io.hyperrep.core.nn.train.LaneTrainer;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.Initialization;
import io.hyperrep.core.zoo.ZooRecipe;
import io.hyperrep.kafka.CheckpointPublisher;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.TopicAdmin;
import io.hyperrep.kafka.TopicPolicy;
import io.hyperrep.ml.cnn.TrainerKind;
import io.hyperrep.ml.nd.Backend;
import io.hyperrep.report.ProgressBar;
import io.hyperrep.zoo.ZooDirectory;
import io.hyperrep.zoo.ZooProgress;
import io.hyperrep.zoo.ZooSpec;
import io.hyperrep.zoo.ZooTrainingJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hyperrep zoo train}: trains a zoo (resumable) and optionally publishes it to Kafka. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description =
                "Train a model zoo with one checkpoint per epoch (epoch 0 = initialisation). Re-running the same command resumes an interrupted zoo.")
public final class ZooTrainCommand implements Callable<Integer> {

    // Kept apart (duplicates): each option is this command's own (name, default, description); other commands'
    // options share only picocli's declaration shape, and a shared mixin would change their --help text.
    @Option(
            names = "--dataset",
            defaultValue = "fashion-mnist",
            description = "Dataset: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            completionCandidates = DatasetIds.class)
    String dataset;

    @Option(
            names = "--arch",
            defaultValue = "cnn-s",
            description = "Architecture: cnn-s (28x28x1) or cnn-l (32x32x3). Default: ${DEFAULT-VALUE}.")
    String arch;

    @Option(names = "--models", required = true, description = "Number of models (seeds first-seed..first-seed+N-1).")
    int models;

    @Option(names = "--epochs", required = true, description = "Training epochs per model.")
    int epochs;

    @Option(names = "--out", required = true, description = "Zoo directory to create or resume.")
    Path out;

    @Option(names = "--zoo-id", description = "Zoo id in events. Default: <dataset>-<arch>-<models>x<epochs>.")
    String zooId;

    @Option(
            names = "--keep-epochs",
            description =
                    "Epochs whose checkpoints are written, e.g. 0,6-10. Default: all. Metrics are kept for every epoch.")
    String keepEpochs;

    @Option(
            names = "--group-size",
            defaultValue = "50",
            description = "Models trained together (one population; with "
                    + "the kernel, multiples of 16 fill AVX-512 vectors, of 8 AVX2). Default: ${DEFAULT-VALUE}.")
    int groupSize;

    @Option(
            names = "--workers",
            description = "Groups trained concurrently, each on its own thread with one native "
                    + "thread per op. Default: min(cores, groups).")
    Integer workers;

    @Option(
            names = "--first-seed",
            defaultValue = "1",
            description = "Seed of the first model. Default: ${DEFAULT-VALUE}.")
    long firstSeed;

    @Option(names = "--batch-size", defaultValue = "10", description = "Images per step per model (recipe: 10).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "3e-4", description = "Adam learning rate (recipe: 3e-4).")
    double lr;

    @Option(
            names = "--init",
            defaultValue = "kaiming-uniform",
            description = "kaiming-uniform (bias 0.01), " + "pytorch-default or uniform. Default: ${DEFAULT-VALUE}.")
    String init;

    @Option(names = "--weight-decay", defaultValue = "0", description = "Coupled L2 weight decay of Adam (recipe: 0).")
    double weightDecay;

    @Option(
            names = "--shared-init",
            paramLabel = "SEED",
            description = "Every model starts from the one initialisation of SEED and differs only by its data order "
                    + "(its own seed). Default: a seed per model.")
    Long sharedInit;

    @Option(
            names = "--trainer",
            paramLabel = "kernel|samediff",
            description =
                    "kernel: the Java Vector API training kernel (CPU, ~10x faster); samediff: the SameDiff population graphs (the reference; GPU). "
                            + "Default: kernel on a CPU backend. A resumed group continues with the trainer that saved it.")
    String trainer;

    @Option(
            names = "--data-dir",
            description = "Directory with the Fashion-MNIST IDX files. Default: "
                    + "$HYPERREP_FASHION_MNIST_DIR or /usr/share/datasets/fashion-mnist.")
    Path dataDir;

    @Option(
            names = "--train-images",
            defaultValue = "0",
            description = "Train on the first N images of the training "
                    + "split per epoch (0 = all 50,000). For demos and tests.")
    int trainImages;

    @Option(names = "--publish", description = "Publish every kept checkpoint to Kafka as it is written.")
    boolean publish;

    @Option(
            names = "--bootstrap",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers for --publish (client settings from HYPERREP_KAFKA_CLIENT_*). "
                    + "Default: $KAFKA_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}.")
    String bootstrap;

    /** Candidates for --dataset. */
    static final class DatasetIds extends java.util.ArrayList<String> {
        private static final long serialVersionUID = 1L;

        DatasetIds() {
            super(Datasets.ids());
        }
    }

    @Override
    public Integer call() {
        ZooRecipe recipe = ZooRecipe.fashionMnistDefault()
                .withDataset(Datasets.requireKnown(dataset))
                .withArch(Architectures.byId(arch).id())
                .withBatchSize(batchSize)
                .withLearningRate(lr)
                .withInit(Initialization.parse(init))
                .withWeightDecay(weightDecay);
        String id = zooId != null ? zooId : String.format(Locale.ROOT, "%s-%s-%dx%d", dataset, arch, models, epochs);
        ZooSpec spec = new ZooSpec(
                id,
                recipe,
                models,
                epochs,
                firstSeed,
                Math.min(groupSize, models),
                ZooSpec.parseEpochs(keepEpochs),
                trainImages,
                sharedInit);
        ZooDirectory dir = ZooDirectory.create(out, spec);
        CheckpointPublisher publisher = null;
        if (publish) {
            KafkaClients kafka = KafkaClients.fromEnvironment(bootstrap);
            try (TopicAdmin admin = TopicAdmin.connect(kafka, Duration.ofSeconds(10))) {
                admin.ensureCheckpointTopics(TopicPolicy.fromEnvironment(System.getenv()));
            }
            publisher = new CheckpointPublisher(kafka);
        }
        ImageDataset data = Datasets.load(dataset, dataDir);
        int cores = Runtime.getRuntime().availableProcessors();
        int w = workers != null ? workers : Math.max(1, Math.min(cores, spec.groups()));
        Backend.threadsPerOp(Math.max(1, cores / w));
        ZooTrainingJob job = new ZooTrainingJob(dir, data, trainer == null ? null : TrainerKind.parse(trainer));
        System.out.println("hyperrep: " + Backend.init() + ", " + w + " worker(s), trainer "
                + job.trainer().id()
                + (job.trainer() == TrainerKind.KERNEL ? " (" + LaneTrainer.lanes() + " models per vector)" : ""));
        System.out.printf(
                Locale.ROOT,
                "zoo %s: %d %s models x %d epochs on %s (%d train / %d val / %d test images), groups of %d -> %s%n",
                id,
                models,
                arch,
                epochs,
                dataset,
                trainImages > 0
                        ? Math.min(trainImages, data.train().count())
                        : data.train().count(),
                data.validation().count(),
                data.test().count(),
                spec.groupSize(),
                out.toAbsolutePath());
        CheckpointPublisher pub = publisher;
        Consumer<Checkpoint> sink = pub == null ? c -> {} : pub::publish; // KafkaProducer is thread-safe
        ProgressBar bar = new ProgressBar(System.out, "model-epochs");
        try {
            job.run(w, new BarProgress(bar), sink);
            if (pub != null) {
                pub.flush();
            }
        } finally {
            if (pub != null) {
                pub.close();
            }
        }
        bar.finish(String.format(
                Locale.ROOT,
                "zoo %s complete: %d checkpoint files in %s%s",
                id,
                dir.checkpointFiles().size(),
                out,
                pub == null ? "" : ", " + pub.acknowledged() + " published to " + bootstrap));
        return 0;
    }

    /** Adapts job progress to the bar: model-epochs done, with the current group and epoch. */
    static final class BarProgress implements ZooProgress {
        // Called from every worker thread: all methods synchronized.
        private final ProgressBar bar;
        private double doneEpochs;
        private final java.util.Map<Integer, Double> inEpoch = new java.util.HashMap<>();
        private String note = "";

        BarProgress(ProgressBar bar) {
            this.bar = bar;
        }

        @Override
        public synchronized void started(long total, long alreadyDone) {
            bar.total(total, (double) alreadyDone);
            doneEpochs = alreadyDone;
            bar.update((double) alreadyDone, alreadyDone > 0 ? "resumed" : "");
        }

        @Override
        public synchronized void stepped(int group, int epoch, int step, int steps, int groupSize) {
            inEpoch.put(group, groupSize * (step / (double) steps));
            bar.update(done(), String.format(Locale.ROOT, "epoch %d %s", epoch, note));
        }

        @Override
        public synchronized void epochDone(int group, int epoch, int groupSize, double meanTestAcc) {
            doneEpochs += groupSize;
            inEpoch.remove(group);
            note = String.format(Locale.ROOT, "(last: test acc %.2f%%)", 100 * meanTestAcc);
            // the other groups' partial epochs stay counted, or the bar would step back
            bar.update(
                    done(),
                    String.format(
                            Locale.ROOT,
                            "group %d epoch %d done, mean test acc %.2f%%",
                            group,
                            epoch,
                            100 * meanTestAcc));
        }

        synchronized double done() {
            return doneEpochs
                    + inEpoch.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }
}
