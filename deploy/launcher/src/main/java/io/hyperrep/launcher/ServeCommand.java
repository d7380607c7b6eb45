package io.hyperrep.launcher;

import io.hyperrep.service.runtime.ServiceHost;
import io.hyperrep.service.runtime.Settings;
import io.hyperrep.service.settings.CommonKeys;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hyperrep serve <service>... --bootstrap HOST:PORT}: runs services against an external broker,
 * in one process with one HTTP port, until Ctrl-C (which stops each service gracefully).
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Run services (ingest, ..., or all) against a Kafka broker until Ctrl-C.")
public final class ServeCommand implements Callable<Integer> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServeCommand.class);

    @Parameters(
            arity = "1..*",
            paramLabel = "SERVICE",
            description = "Services to run: ${COMPLETION-CANDIDATES}, all.",
            completionCandidates = Names.class)
    List<String> services;

    @Option(
            names = "--bootstrap",
            description = "Kafka bootstrap servers (setting kafka.bootstrap, env HYPERREP_KAFKA_BOOTSTRAP).")
    String bootstrap;

    @Option(
            names = "--config",
            description = "JSON settings file (dotted keys or nested objects; see docs/OPERATIONS.md).")
    Path config;

    @Option(
            names = "--port",
            description =
                    "HTTP port for /health, /ready, /metrics and the APIs (setting http.port; default 8080, 0 = free).")
    Integer port;

    /** picocli completion candidates: the catalogue's names. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ServiceCatalog.names().iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> flags = new HashMap<>();
        flags.put("kafka.bootstrap", bootstrap);
        flags.put("http.port", port);
        Settings settings = Settings.empty()
                .withFile(config)
                .withEnvironment(System.getenv())
                .with(flags, "command line");
        settings.get(CommonKeys.KAFKA_BOOTSTRAP);
        LOG.info("settings (secrets masked):\n{}", settings.describe());
        List<String> names = ServiceCatalog.expand(services);
        Running running = start(settings, names, "hyperrep");
        System.out.println("[serve] " + String.join(", ", names) + " running; " + running.urls()
                + (names.contains("dashboard") ? "  dashboard: http://localhost:" + running.port() + "/dashboard" : "")
                + (names.contains("registry") ? "  models: http://localhost:" + running.port() + "/models" : ""));
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            running.stop();
                            done.countDown();
                        },
                        "hyperrep-shutdown"));
        done.await();
        return 0;
    }

    /** Started services in one host. */
    record Running(ServiceHost host, int port) {
        String urls() {
            return "http://localhost:" + port + "/metrics  /health  /ready  API: POST http://localhost:" + port
                    + "/api/checkpoints (Authorization: Bearer <token>)";
        }

        void stop() {
            try {
                host.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("hyperrep: services did not stop cleanly within 60 s: " + e);
            }
        }
    }

    /** Deploys the named services in order and opens the HTTP port; fails with the first error. */
    static Running start(Settings settings, List<String> names, String hostName) throws Exception {
        ServiceHost host = ServiceHost.create(settings, hostName);
        int httpPort = settings.get(CommonKeys.HTTP_PORT);
        try {
            var chain = io.vertx.core.Future.<String>succeededFuture();
            for (String n : names) {
                for (var verticle : ServiceCatalog.get(n)) {
                    chain = chain.compose(v -> host.deploy(verticle));
                }
            }
            int bound = chain.compose(v -> host.listen(httpPort))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(120, TimeUnit.SECONDS);
            return new Running(host, bound);
        } catch (java.util.concurrent.ExecutionException e) {
            host.close();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }
}
