package io.hyperrep.kafka;

import io.hyperrep.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates hyperrep's topics with their configuration and waits until they accept writes. */
public final class TopicAdmin implements AutoCloseable {

    private final Admin admin;
    private final String bootstrap;

    private TopicAdmin(Admin admin, String bootstrap) {
        this.admin = admin;
        this.bootstrap = bootstrap;
    }

    /**
     * Connects and checks that a broker answers.
     *
     * @throws KafkaUnavailableException naming the address when no broker answers within the timeout
     */
    public static TopicAdmin connect(String bootstrap, Duration timeout) {
        Admin admin = Admin.create(KafkaSettings.admin(bootstrap));
        try {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new TopicAdmin(admin, bootstrap);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admin.close(Duration.ZERO);
            throw new KafkaUnavailableException("interrupted while connecting to " + bootstrap);
        } catch (ExecutionException | TimeoutException e) {
            admin.close(Duration.ZERO);
            throw new KafkaUnavailableException("no Kafka broker answered at " + bootstrap + " within "
                    + timeout.toSeconds() + " s; start one with './hyperrep broker' or pass --bootstrap");
        }
    }

    /** The checkpoint inbox (compacted) and its dead-letter twin. */
    public void ensureCheckpointTopics(int partitions) {
        ensure(Topics.CHECKPOINTS, partitions, compacted());
        ensure(Topics.deadLetter(Topics.CHECKPOINTS), 1, kept());
    }

    /**
     * Every topic of the catalogue ({@link Topics#all()}): the keyed state topics (inbox, dataset,
     * autoencoder versions, evaluations) compacted, snapshots on one partition (one planner at a time,
     * in order), everything else kept.
     */
    public void ensureAllTopics(int partitions) {
        Set<String> compact = Set.of(Topics.CHECKPOINTS, Topics.DATASET, Topics.AUTOENCODERS, Topics.EVALUATED);
        for (String t : Topics.all()) {
            boolean single = t.equals(Topics.SNAPSHOTS) || t.endsWith(Topics.DLT_SUFFIX);
            ensure(t, single ? 1 : partitions, compact.contains(t) ? compacted() : kept());
        }
    }

    private static Map<String, String> compacted() {
        Map<String, String> c = new HashMap<>(kept());
        c.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        return c;
    }

    /** Deleted never: dead letters wait for an operator, snapshots are dataset versions. */
    private static Map<String, String> kept() {
        Map<String, String> c = new HashMap<>();
        c.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(Topics.TOPIC_MAX_MESSAGE_BYTES));
        c.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        return c;
    }

    /** Creates a topic if missing, then waits for its partition leaders (STACK-NOTES §2.6). */
    public void ensure(String topic, int partitions, Map<String, String> configs) {
        try {
            admin.createTopics(Set.of(new NewTopic(topic, partitions, (short) 1).configs(configs))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaUnavailableException("cannot create topic " + topic + " at " + bootstrap + ": " + e.getCause().getMessage());
            }
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("creating topic " + topic + " at " + bootstrap + " timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted");
        }
        awaitLeaders(topic);
    }

    /**
     * createTopics returns when the controller committed; the broker may serve the partition a few ms
     * later, and an idempotent producer sending in that window can lose records. Wait until every
     * partition answers listOffsets.
     */
    private void awaitLeaders(String topic) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                int n = admin.describeTopics(Set.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions().size();
                Map<TopicPartition, OffsetSpec> req = new HashMap<>();
                for (int p = 0; p < n; p++) {
                    req.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
                admin.listOffsets(req).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaUnavailableException("topic " + topic + " has no partition leaders after 30 s");
                }
                sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaUnavailableException("interrupted");
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
