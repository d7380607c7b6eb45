package io.hyperrep.kafka;

import java.util.OptionalInt;

/**
 * How hyperrep treats the topics of its catalogue at start: create the missing ones with
 * {@code partitions} partitions (snapshots and dead letters: 1), {@code replication} replicas and
 * {@code min.insync.replicas} (each unset: the broker's default), or, with {@code create} false, only
 * check that every one exists (operator-managed topics).
 */
public record TopicPolicy(int partitions, OptionalInt replication, OptionalInt minInsyncReplicas, boolean create) {

    /**
     * The default of {@code kafka.partitions}, here rather than in the settings registry because the commands that take no
     * settings file ({@code zoo publish}, {@code zoo train --publish}) read it too; the registry declares the key with it.
     */
    public static final int DEFAULT_PARTITIONS = 4;

    public static final int MAX_PARTITIONS = 1024;

    public TopicPolicy {
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new KafkaConfigException(
                    "setting 'kafka.partitions' = " + partitions + " must be between 1 and " + MAX_PARTITIONS);
        }
        if (replication.isPresent() && (replication.getAsInt() < 1 || replication.getAsInt() > Short.MAX_VALUE)) {
            throw new KafkaConfigException(
                    "setting 'kafka.topics.replication' = " + replication.getAsInt() + " must be at least 1");
        }
        if (minInsyncReplicas.isPresent() && minInsyncReplicas.getAsInt() < 1) {
            throw new KafkaConfigException("setting 'kafka.topics.min.insync.replicas' = "
                    + minInsyncReplicas.getAsInt() + " must be at least 1");
        }
        if (replication.isPresent()
                && minInsyncReplicas.isPresent()
                && minInsyncReplicas.getAsInt() > replication.getAsInt()) {
            throw new KafkaConfigException("setting 'kafka.topics.min.insync.replicas' = "
                    + minInsyncReplicas.getAsInt() + " exceeds 'kafka.topics.replication' = " + replication.getAsInt()
                    + ": no write with acks=all could ever succeed");
        }
    }

    /** Created with {@code partitions} partitions and the broker's defaults for the rest. */
    public static TopicPolicy create(int partitions) {
        return new TopicPolicy(partitions, OptionalInt.empty(), OptionalInt.empty(), true);
    }

    /**
     * {@code HYPERREP_KAFKA_PARTITIONS}, {@code HYPERREP_KAFKA_TOPICS_REPLICATION}, {@code _MIN_INSYNC_REPLICAS}
     * and {@code _CREATE} of {@code env}, for the commands that take no settings file.
     */
    public static TopicPolicy fromEnvironment(java.util.Map<String, String> env) {
        return new TopicPolicy(
                integer(env, "HYPERREP_KAFKA_PARTITIONS", DEFAULT_PARTITIONS),
                optional(env, "HYPERREP_KAFKA_TOPICS_REPLICATION"),
                optional(env, "HYPERREP_KAFKA_TOPICS_MIN_INSYNC_REPLICAS"),
                bool(env, "HYPERREP_KAFKA_TOPICS_CREATE", true));
    }

    private static int integer(java.util.Map<String, String> env, String name, int fallback) {
        OptionalInt v = optional(env, name);
        return v.isPresent() ? v.getAsInt() : fallback;
    }

    private static OptionalInt optional(java.util.Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            throw new KafkaConfigException("environment " + name + " = '" + v + "' must be an integer");
        }
    }

    private static boolean bool(java.util.Map<String, String> env, String name, boolean fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new KafkaConfigException("environment " + name + " = '" + v + "' must be true or false");
        };
    }
}
