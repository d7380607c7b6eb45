package io.hyperrep.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A single-node Kafka broker in a child JVM, started from the Maven jars. Free ports are chosen,
 * the data directory is temporary (deleted on close) unless one is given (created if missing, kept on
 * close, and served again with its topics and records by the next start), and the child exits when
 * this JVM dies because it watches its stdin pipe. Uses only the JDK, so any module can start one
 * (docs/decisions/local-broker.md).
 */
public final class LocalBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "/hyperrep-broker.classpath";
    private static final long START_TIMEOUT_SECONDS = 90;

    private final Process process;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final int port;
    private final Thread hook;
    private volatile Runnable beforeStop = () -> {};

    private LocalBroker(Process process, Path dataDir, boolean ownsDataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.port = port;
        this.hook = new Thread(
                () -> {
                    beforeStop.run();
                    stopQuietly();
                },
                "local-broker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts a broker on free ports with a temporary data directory. */
    public static LocalBroker start() {
        return start(null, 0);
    }

    /**
     * Starts a plaintext broker.
     *
     * @param dataDir where the broker keeps its logs; null for a temporary directory removed on close
     * @param port    the client port; 0 for a free one
     */
    public static LocalBroker start(Path dataDir, int port) {
        return start(dataDir, port, BrokerSecurity.plaintext());
    }

    /**
     * Starts a broker whose client listener on {@code port} asks for {@code security} (SASL/SCRAM or TLS);
     * its address is {@link #bootstrapServers()} as with a plaintext one.
     */
    public static LocalBroker start(Path dataDir, int port, BrokerSecurity security) {
        boolean owns = dataDir == null;
        Path dir = owns ? temporaryDirectory() : existingDirectory(dataDir);
        try {
            int p = port == 0 ? freePort() : port;
            int cport = freePort();
            List<String> cmd = new ArrayList<>(List.of(
                    javaExecutable(),
                    "-Xmx512m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-Dwatch.stdin=true",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp",
                    classpath(),
                    DevBrokerMain.class.getName(),
                    dir.toString(),
                    String.valueOf(p),
                    String.valueOf(cport)));
            if (!(security instanceof BrokerSecurity.Plaintext)) {
                Path file = dir.resolve("security.properties");
                security.write(file);
                cmd.add(String.valueOf(freePort()));
                cmd.add(file.toString());
            }
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            LocalBroker broker = new LocalBroker(proc, dir, owns, p);
            broker.awaitReady(dir.resolve("broker.log"));
            return broker;
        } catch (IOException e) {
            throw new BrokerException("cannot start the local Kafka broker: " + e.getMessage(), e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("hyperrep-broker-");
        } catch (IOException e) {
            throw new BrokerException("cannot create a temporary data directory for the local Kafka broker: " + e, e);
        }
    }

    /** The given data directory, created with its parents if it is not there yet (a first run). */
    private static Path existingDirectory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BrokerException("cannot use " + dir + " as the broker's data directory: " + e, e);
        }
    }

    /** {@code localhost:<port>}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    private void awaitReady(Path log) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process.getInputStream(), log, ready), "local-broker-output");
        pump.setDaemon(true);
        pump.start();
        try {
            ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            stopQuietly();
            throw new BrokerException(
                    "the local Kafka broker did not start within " + START_TIMEOUT_SECONDS + " s; see " + log);
        } catch (ExecutionException e) {
            stopQuietly();
            throw new BrokerException(e.getCause().getMessage() + "; see " + log, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly();
            throw new BrokerException("interrupted while starting the local Kafka broker");
        }
    }

    private void pump(InputStream in, Path log, CompletableFuture<Void> ready) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                if (line.startsWith("KAFKA_READY")) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(new BrokerException("cannot write the broker log " + log + ": " + e, e));
        }
        ready.completeExceptionally(
                new BrokerException("the local Kafka broker exited during start-up (code " + exitCode() + ")"));
    }

    private String exitCode() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /**
     * Work the JVM shutdown hook does before it stops the broker, e.g. stopping the services that use
     * it, so they can commit and close while their broker is still there (JVM hooks run concurrently).
     */
    public void beforeStop(Runnable r) {
        beforeStop = r;
    }

    /** True if the broker wrote Kafka's clean-shutdown marker when it stopped. */
    public boolean stoppedCleanly() {
        return Files.exists(dataDir.resolve("logs").resolve(".kafka_cleanshutdown"));
    }

    /**
     * Kills the broker process at once (SIGKILL: no clean shutdown, as in a crash or an OOM kill) and
     * waits until it is gone; its data directory stays, so a broker started on it recovers its logs.
     * For fault tests.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new BrokerException("the local Kafka broker did not die within 20 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code localhost:<port>}'s port. */
    public int port() {
        return port;
    }

    /** Stops the broker (SIGTERM, then kill after 20 s) and deletes a temporary data directory. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook runs stopQuietly itself
        }
    }

    private synchronized void stopQuietly() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (ownsDataDir) {
            deleteRecursively(dataDir);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a file still held open is removed by the OS later
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This module's own classes plus the Kafka jars recorded at build time. */
    public static String classpath() {
        try (InputStream in = LocalBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new BrokerException(
                        "hyperrep-broker.classpath is missing; rebuild with 'mvn -DskipTests package'");
            }
            String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String self = Path.of(LocalBroker.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
            return self + java.io.File.pathSeparator + jars;
        } catch (IOException | URISyntaxException e) {
            throw new BrokerException("cannot read the broker classpath: " + e.getMessage(), e);
        }
    }
}
