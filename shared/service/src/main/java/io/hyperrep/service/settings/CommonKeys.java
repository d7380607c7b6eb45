package io.hyperrep.service.settings;

import static io.hyperrep.service.settings.SettingType.bool;
import static io.hyperrep.service.settings.SettingType.duration;
import static io.hyperrep.service.settings.SettingType.integer;
import static io.hyperrep.service.settings.SettingType.path;
import static io.hyperrep.service.settings.SettingType.string;

import io.hyperrep.kafka.ClientOverrides;
import io.hyperrep.kafka.TopicPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The settings of the process and of every service: Kafka, topics, HTTP and its tokens, shared directories. */
public final class CommonKeys {

    private CommonKeys() {}

    private static final Set<Reader> PROCESS = Set.of(Reader.PROCESS);

    // Kept apart (duplicates): a table of settings, one declaration per key (SettingsTable prints it).
    public static final Setting<String> KAFKA_BOOTSTRAP = Setting.unset(
            "kafka.bootstrap", string(), "required", Reader.ALL, "Kafka bootstrap servers (`serve --bootstrap`)");
    public static final Setting<Integer> HTTP_PORT = Setting.of(
            "http.port",
            integer(0, 65535),
            8080,
            PROCESS,
            "HTTP port of the process, 0 = a free one (`serve --port`; `demo` takes `--http-port`)");
    public static final Setting<Integer> KAFKA_PARTITIONS = Setting.of(
            "kafka.partitions",
            integer(1, TopicPolicy.MAX_PARTITIONS),
            TopicPolicy.DEFAULT_PARTITIONS,
            Reader.ALL,
            "partitions of the topics a service creates (see Scaling out); `zoo publish` and `zoo train --publish` read it from the "
                    + "environment");
    public static final Setting<Boolean> KAFKA_TOPICS_CREATE = Setting.of(
            "kafka.topics.create",
            bool(),
            true,
            Reader.ALL,
            "create missing topics at start; false: topics are the operator's, a missing one stops the start naming it (see Topics)");
    public static final Setting<Integer> KAFKA_TOPICS_REPLICATION = Setting.unset(
            "kafka.topics.replication",
            integer(1, Short.MAX_VALUE),
            "broker's `default.replication.factor`",
            Reader.ALL,
            "replication factor of the topics a service creates");
    public static final Setting<Integer> KAFKA_TOPICS_MIN_INSYNC_REPLICAS = Setting.unset(
            "kafka.topics.min.insync.replicas",
            integer(1, Short.MAX_VALUE),
            "broker's `min.insync.replicas`",
            Reader.ALL,
            "set on the topics a service creates; at most `kafka.topics.replication`");
    /** {@code kafka.client.security.protocol} is the client property {@code security.protocol}. */
    public static final SettingPrefix KAFKA_CLIENT = new SettingPrefix(
            ClientOverrides.PREFIX,
            Reader.ALL,
            "passed verbatim to every Kafka client of the process (producers, consumers, admin): `kafka.client.security.protocol` is "
                    + "the client property `security.protocol`; see Security");

    public static final Setting<String> HTTP_AUTH_TOKENS = Setting.unset(
            "http.auth.tokens",
            string(),
            "none",
            PROCESS,
            "comma-separated bearer tokens the HTTP API accepts (secret: use the environment, `HYPERREP_HTTP_AUTH_TOKENS`)");
    public static final Setting<String> HTTP_AUTH_TOKENS_FILE = Setting.unset(
            "http.auth.tokens.file",
            string(),
            "none",
            PROCESS,
            "file of accepted tokens, one per line (`#` comments and blank lines ignored); read again every `http.auth.tokens.reload`");
    public static final Setting<Duration> HTTP_AUTH_TOKENS_RELOAD = Setting.of(
            "http.auth.tokens.reload",
            duration(Duration.ofMillis(100), Duration.ofHours(1)),
            Duration.ofSeconds(2),
            PROCESS,
            "how often the token file is read again");
    public static final Setting<Boolean> HTTP_AUTH_WRITES = Setting.of(
            "http.auth.writes",
            bool(),
            true,
            PROCESS,
            "writes (every method but GET/HEAD/OPTIONS) need a token; false only behind something that authenticates");
    public static final Setting<Boolean> HTTP_AUTH_READS = Setting.of(
            "http.auth.reads", bool(), false, PROCESS, "`GET /api/...` (the dashboard's JSON) needs a token");
    public static final Setting<Boolean> HTTP_AUTH_METRICS = Setting.of(
            "http.auth.metrics",
            bool(),
            false,
            PROCESS,
            "`GET /metrics` needs a token (give Prometheus `authorization: {credentials_file: ...}`)");
    public static final Setting<Path> ARTIFACTS_DIR = Setting.of(
            "artifacts.dir",
            path(),
            Path.of("target/hyperrep-artifacts"),
            Set.of(Reader.TRAINER, Reader.SAMPLER),
            "content-addressed artifact store and job state, relative to the working directory");
    public static final Setting<Path> DATA_DIR = Setting.unset(
            "data.dir",
            path(),
            "`HYPERREP_FASHION_MNIST_DIR`, else `/usr/share/datasets/fashion-mnist`",
            Set.of(Reader.EVALUATOR, Reader.TRAINER),
            "Fashion-MNIST IDX directory (the trainer reads it with a task loss only)");

    static final List<Setting<?>> ALL = List.of(
            KAFKA_BOOTSTRAP,
            HTTP_PORT,
            KAFKA_PARTITIONS,
            KAFKA_TOPICS_CREATE,
            KAFKA_TOPICS_REPLICATION,
            KAFKA_TOPICS_MIN_INSYNC_REPLICAS,
            HTTP_AUTH_TOKENS,
            HTTP_AUTH_TOKENS_FILE,
            HTTP_AUTH_TOKENS_RELOAD,
            HTTP_AUTH_WRITES,
            HTTP_AUTH_READS,
            HTTP_AUTH_METRICS,
            ARTIFACTS_DIR,
            DATA_DIR);
}
