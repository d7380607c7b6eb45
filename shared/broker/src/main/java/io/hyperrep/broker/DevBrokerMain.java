package io.hyperrep.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Entry point of the child broker JVM: a single combined broker+controller KRaft node.
 * Usage: {@code DevBrokerMain <dataDir> <port> <controllerPort> [<internalPort> <securityFile>]} (the
 * last two for a SASL or TLS client listener, {@link BrokerSecurity}). Formats the data dir if needed (an
 * existing one keeps its cluster id, so its topics and records are served again),
 * starts the server, prints {@code KAFKA_READY localhost:<port>}, and stops cleanly on SIGTERM or,
 * with {@code -Dwatch.stdin=true}, when its stdin closes (the parent died).
 */
public final class DevBrokerMain {

    private DevBrokerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3 && args.length != 5) {
            System.err.println(
                    "usage: DevBrokerMain <dataDir> <port> <controllerPort> [<internalPort> <securityFile>]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int cport = Integer.parseInt(args[2]);
        BrokerSecurity security = args.length == 5 ? BrokerSecurity.read(Path.of(args[4])) : BrokerSecurity.plaintext();
        Files.createDirectories(dir);
        Properties p = args.length == 5
                ? BrokerProperties.of(dir, port, Integer.parseInt(args[3]), cport, security)
                : BrokerProperties.of(dir, port, cport);
        Path propsFile = dir.resolve("server.properties");
        Files.deleteIfExists(propsFile);
        Files.createFile(propsFile);
        try {
            // it may hold the TLS keystore's password
            Files.setPosixFilePermissions(
                    propsFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            p.store(out, "hyperrep local broker");
        }
        String clusterId = clusterId(dir.resolve("logs"));
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        java.util.List<String> format = new java.util.ArrayList<>(
                java.util.List.of("format", "-t", clusterId, "-c", propsFile.toString(), "--ignore-formatted"));
        format.addAll(security.formatArguments());
        int rc = kafka.tools.StorageTool.execute(format.toArray(String[]::new), sink);
        if (rc != 0) {
            System.err.println("formatting " + dir + " failed with code " + rc);
            System.exit(1);
        }
        var server = new kafka.server.KafkaRaftServer(
                kafka.server.KafkaConfig.fromProps(p), org.apache.kafka.common.utils.Time.SYSTEM);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.shutdown();
                            server.awaitShutdown();
                        },
                        "broker-shutdown"));
        server.startup();
        System.out.println("KAFKA_READY localhost:" + port);
        System.out.flush();
        if (Boolean.getBoolean("watch.stdin")) {
            Thread watcher = new Thread(
                    () -> {
                        try {
                            while (System.in.read() >= 0) {
                                // only EOF matters
                            }
                        } catch (IOException ignored) {
                            // treated as EOF
                        }
                        System.exit(0);
                    },
                    "stdin-watchdog");
            watcher.setDaemon(true);
            watcher.start();
        }
        server.awaitShutdown();
    }

    /**
     * The cluster id the log directory was formatted with, or a new one for an empty directory: a kept
     * data directory (--data-dir) must be started with its own id, which Kafka checks against
     * meta.properties and refuses to serve under any other.
     */
    static String clusterId(Path logDir) throws IOException {
        Path meta = logDir.resolve("meta.properties");
        if (Files.isRegularFile(meta)) {
            Properties stored = new Properties();
            try (var in = Files.newInputStream(meta)) {
                stored.load(in);
            }
            String id = stored.getProperty("cluster.id");
            if (id != null && !id.isBlank()) {
                return id.trim();
            }
        }
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }
}
