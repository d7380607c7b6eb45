package io.hyperrep.kafka;

import io.hyperrep.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates hyperrep's topics with their configuration and waits until they accept writes, or, for
 * operator-managed topics, checks that they exist.
 */
public final class TopicAdmin implements AutoCloseable {

    private static final Set<String> COMPACTED =
            Set.of(Topics.CHECKPOINTS, Topics.DATASET, Topics.AUTOENCODERS, Topics.EVALUATED);

    private final Admin admin;
    private final String bootstrap;

    private TopicAdmin(Admin admin, String bootstrap) {
        this.admin = admin;
        this.bootstrap = bootstrap;
    }

    /**
     * Connects and checks that a broker answers.
     *
     * @throws KafkaUnavailableException naming the address when no broker answers within the timeout, or
     *                                   at once when the broker refuses the client's credentials or TLS trust
     */
    public static TopicAdmin connect(KafkaClients clients, Duration timeout) {
        Admin admin = clients.admin();
        try {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new TopicAdmin(admin, clients.bootstrap());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admin.close(Duration.ZERO);
            throw new KafkaUnavailableException("interrupted while connecting to " + clients.bootstrap());
        } catch (ExecutionException e) {
            admin.close(Duration.ZERO);
            if (e.getCause() instanceof AuthenticationException a) {
                throw refused(clients.bootstrap(), a);
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw silent(clients.bootstrap(), "in time");
            }
            throw new KafkaUnavailableException("cannot connect to Kafka at " + clients.bootstrap() + ": "
                    + e.getCause().getMessage());
        } catch (TimeoutException e) {
            admin.close(Duration.ZERO);
            throw silent(clients.bootstrap(), "within " + timeout.toSeconds() + " s");
        }
    }

    private static KafkaUnavailableException silent(String bootstrap, String when) {
        return new KafkaUnavailableException(
                "no Kafka broker answered at " + bootstrap + " " + when + "; start one with './hyperrep broker'"
                        + " or pass --bootstrap (a TLS or SASL listener looks the same to a client without kafka.client.security.protocol)");
    }

    /** An authentication or TLS failure: says which, and where to fix it; Kafka's message names no secret. */
    static KafkaUnavailableException refused(String bootstrap, AuthenticationException e) {
        String what = e instanceof SslAuthenticationException
                ? "the TLS handshake failed (is the broker's CA in kafka.client.ssl.truststore.*?)"
                : "authentication failed (check kafka.client.sasl.* credentials)";
        return new KafkaUnavailableException(
                "Kafka at " + bootstrap + " refused the connection: " + what + ": " + e.getMessage());
    }

    /** The checkpoint inbox (compacted) and its dead-letter twin, as {@code policy} says. */
    public void ensureCheckpointTopics(TopicPolicy policy) {
        prepare(Map.of(Topics.CHECKPOINTS, policy.partitions(), Topics.deadLetter(Topics.CHECKPOINTS), 1), policy);
    }

    /**
     * Every topic of the catalogue ({@link Topics#all()}): the keyed state topics (inbox, dataset,
     * autoencoder versions, evaluations) compacted, snapshots on one partition (one planner at a time,
     * in order), everything else kept. Created if missing, or, when {@code policy} does not create
     * topics, checked to exist.
     *
     * @throws MissingTopicsException naming every missing topic when topics are not created
     */
    public void ensureAllTopics(TopicPolicy policy) {
        Map<String, Integer> topics = new java.util.LinkedHashMap<>();
        for (String t : Topics.all()) {
            boolean single = t.equals(Topics.SNAPSHOTS) || t.endsWith(Topics.DLT_SUFFIX);
            topics.put(t, single ? 1 : policy.partitions());
        }
        prepare(topics, policy);
    }

    private void prepare(Map<String, Integer> topics, TopicPolicy policy) {
        if (!policy.create()) {
            requireExisting(topics.keySet());
            return;
        }
        topics.forEach((t, partitions) -> {
            Map<String, String> configs = COMPACTED.contains(t) ? compacted() : kept();
            policy.minInsyncReplicas()
                    .ifPresent(n -> configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(n)));
            ensure(t, partitions, policy.replication(), configs);
        });
    }

    /** @throws MissingTopicsException naming the topics of {@code names} the cluster does not have */
    public void requireExisting(java.util.Collection<String> names) {
        Set<String> existing;
        try {
            existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("cannot list the topics at " + bootstrap + ": "
                    + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("listing the topics at " + bootstrap + " timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted");
        }
        List<String> missing =
                names.stream().filter(n -> !existing.contains(n)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new MissingTopicsException(bootstrap, missing);
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

    /** Creates a topic if missing with the broker's default replication, then waits for its partition leaders. */
    public void ensure(String topic, int partitions, Map<String, String> configs) {
        ensure(topic, partitions, OptionalInt.empty(), configs);
    }

    /** Creates a topic if missing (an existing one is left as it is), then waits for its partition leaders
     * (docs/decisions/kafka-topic-leaders.md). */
    private void ensure(String topic, int partitions, OptionalInt replication, Map<String, String> configs) {
        NewTopic t = new NewTopic(
                        topic,
                        Optional.of(partitions),
                        replication.isPresent() ? Optional.of((short) replication.getAsInt()) : Optional.empty())
                .configs(configs);
        try {
            admin.createTopics(Set.of(t)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaUnavailableException("cannot create topic " + topic + " at " + bootstrap + ": "
                        + e.getCause().getMessage());
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
                int n = admin.describeTopics(Set.of(topic))
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS)
                        .get(topic)
                        .partitions()
                        .size();
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
