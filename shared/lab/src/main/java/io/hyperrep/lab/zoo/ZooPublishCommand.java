package io.hyperrep.lab.zoo;

import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.kafka.CheckpointPublisher;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.TopicAdmin;
import io.hyperrep.kafka.TopicPolicy;
import io.hyperrep.report.ProgressBar;
import io.hyperrep.zoo.ZooDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hyperrep zoo publish}: sends every checkpoint of a zoo directory to Kafka. */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = {
            "Publish every checkpoint of a zoo directory to the checkpoint topic (idempotent producer, acks=all).",
            "Kafka client settings (TLS, SASL) from HYPERREP_KAFKA_CLIENT_* variables, topic settings from HYPERREP_KAFKA_TOPICS_*."
        })
public final class ZooPublishCommand implements Callable<Integer> {

    // Kept apart (duplicates): each option is this command's own (name, default, description); other commands'
    // options share only picocli's declaration shape, and a shared mixin would change their --help text.
    @Option(names = "--from", required = true, description = "Zoo directory.")
    Path from;

    @Option(
            names = "--bootstrap",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers. Default: $KAFKA_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}.")
    String bootstrap;

    @Option(
            names = "--partitions",
            description = "Partitions if the topic must be created. Default: $HYPERREP_KAFKA_PARTITIONS or "
                    + TopicPolicy.DEFAULT_PARTITIONS + ".")
    Integer partitions;

    @Override
    public Integer call() {
        ZooDirectory dir = ZooDirectory.open(from);
        List<Path> files = dir.checkpointFiles();
        if (files.isEmpty()) {
            throw new IllegalArgumentException(from + " holds no checkpoints yet");
        }
        TopicPolicy fromEnv = TopicPolicy.fromEnvironment(System.getenv());
        TopicPolicy topics = partitions == null
                ? fromEnv
                : new TopicPolicy(partitions, fromEnv.replication(), fromEnv.minInsyncReplicas(), fromEnv.create());
        int acknowledged = publish(dir, files, KafkaClients.fromEnvironment(bootstrap), topics);
        if (acknowledged != files.size()) {
            throw new IllegalStateException(
                    "only " + acknowledged + " of " + files.size() + " checkpoints were acknowledged by " + bootstrap);
        }
        return 0;
    }

    /** Validates and publishes the files; used by the demo too. Returns how many the broker acknowledged. */
    public static int publish(ZooDirectory dir, List<Path> files, KafkaClients kafka, TopicPolicy topics) {
        try (TopicAdmin admin = TopicAdmin.connect(kafka, Duration.ofSeconds(10))) {
            admin.ensureCheckpointTopics(topics);
        }
        ProgressBar bar = new ProgressBar(System.out, "checkpoints");
        bar.total(files.size(), 0);
        long t0 = System.nanoTime();
        try (CheckpointPublisher pub = new CheckpointPublisher(kafka)) {
            int n = 0;
            for (Path f : files) {
                Checkpoint c = ZooDirectory.readCheckpoint(f);
                pub.publish(c);
                bar.update(++n, "");
            }
            pub.flush();
            double s = (System.nanoTime() - t0) / 1e9;
            bar.finish(String.format(
                    java.util.Locale.ROOT,
                    "published %d checkpoints of zoo %s to %s in %.2f s",
                    pub.acknowledged(),
                    dir.spec().zooId(),
                    kafka.bootstrap(),
                    s));
            return (int) pub.acknowledged();
        }
    }
}
