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
 * Usage: {@code DevBrokerMain <dataDir> <port> <controllerPort>}. Formats the data dir if needed,
 * starts the server, prints {@code KAFKA_READY localhost:<port>}, and stops cleanly on SIGTERM or,
 * with {@code -Dwatch.stdin=true}, when its stdin closes (the parent died).
 */
public final class DevBrokerMain {

    private DevBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: DevBrokerMain <dataDir> <port> <controllerPort>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int cport = Integer.parseInt(args[2]);
        Files.createDirectories(dir);
        Properties p = BrokerProperties.of(dir, port, cport);
        Path propsFile = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            p.store(out, "hyperrep local broker");
        }
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        int rc = kafka.tools.StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", propsFile.toString(),
            "--ignore-formatted"}, sink);
        if (rc != 0) {
            System.err.println("formatting " + dir + " failed with code " + rc);
            System.exit(1);
        }
        var server = new kafka.server.KafkaRaftServer(kafka.server.KafkaConfig.fromProps(p),
                org.apache.kafka.common.utils.Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "broker-shutdown"));
        server.startup();
        System.out.println("KAFKA_READY localhost:" + port);
        System.out.flush();
        if (Boolean.getBoolean("watch.stdin")) {
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // only EOF matters
                    }
                } catch (IOException ignored) {
                    // treated as EOF
                }
                System.exit(0);
            }, "stdin-watchdog");
            watcher.setDaemon(true);
            watcher.start();
        }
        server.awaitShutdown();
    }
}
