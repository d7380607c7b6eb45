package io.hyperrep.testkit;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import java.util.function.Supplier;

/**
 * A service under test that answers HTTP on a local port: started, awaited ready, scraped and stopped
 * the same way by every integration test. Start it from a service host
 * ({@code RunningService.start(host.deploy(X::new).compose(id -> host.listen(0)), host::close)}) or wrap
 * a port something else opened ({@link #at}, e.g. a child JVM). Closing it stops the service.
 */
public final class RunningService implements AutoCloseable {

    /** How long a service may take to start, become ready or reach a metric value. */
    public static final Duration WAIT = Duration.ofSeconds(90);
    /** How long a host may take to stop: a trainer finishes its current step and saves its state first. */
    public static final Duration STOP_WAIT = Duration.ofSeconds(150);

    private static final Duration POLL = Duration.ofMillis(200);

    /** What stops the service: a host's close, a process's destroy. */
    @FunctionalInterface
    public interface Stop {
        void stop() throws Exception;
    }

    private final int port;
    private final Stop stop;
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile String token;

    private RunningService(int port, Stop stop) {
        this.port = port;
        this.stop = stop;
    }

    /** A service already listening on {@code port}; {@code stop} ends it. */
    public static RunningService at(int port, Stop stop) {
        return new RunningService(port, stop);
    }

    /**
     * Waits for {@code listening} (deployed and bound; its value is the HTTP port) and wraps it;
     * {@code close} is how it stops. When the start fails, the host is closed and the failure thrown.
     */
    public static RunningService start(Future<Integer> listening, Supplier<? extends Future<?>> close)
            throws Exception {
        Stop stop = () ->
                close.get().toCompletionStage().toCompletableFuture().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        try {
            return new RunningService(
                    listening.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS), stop);
        } catch (Exception e) {
            try {
                stop.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Sends {@code Authorization: Bearer <token>} with every GET, scrape and readiness probe from now on. */
    public RunningService withToken(String token) {
        this.token = token;
        return this;
    }

    public int port() {
        return port;
    }

    /** {@code http://localhost:<port><path>}. */
    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A plain GET. */
    public HttpResponse<String> get(String path) throws Exception {
        HttpRequest.Builder get = HttpRequest.newBuilder(uri(path)).GET();
        return send(token == null ? get : get.header("authorization", "Bearer " + token));
    }

    /** Sends a request built against this service ({@code HttpRequest.newBuilder(svc.uri(path))...}). */
    public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The client this service's requests use, for other body handlers. */
    public HttpClient http() {
        return http;
    }

    /** Waits until {@code /ready} answers 200; returns that answer. */
    public HttpResponse<String> awaitReady() {
        return awaitReadiness(200);
    }

    /** Waits until {@code /ready} answers {@code status} (503: not ready); returns that answer. */
    public HttpResponse<String> awaitReadiness(int status) {
        return await("GET /ready of :" + port + " answers " + status)
                .atMost(WAIT)
                .pollInterval(POLL)
                .ignoreExceptions()
                .until(() -> get("/ready"), r -> r.statusCode() == status);
    }

    /** One scrape of {@code /metrics}. */
    public Scrape metrics() throws Exception {
        HttpResponse<String> r = get("/metrics");
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /metrics answered " + r.statusCode() + ": " + r.body());
        }
        return new Scrape(r.body());
    }

    /** Scrapes until the series' value (absent counts as 0) satisfies {@code until}; returns that value. */
    public double awaitMetric(String series, DoublePredicate until) {
        return await(series + " on :" + port)
                .atMost(WAIT)
                .pollInterval(POLL)
                .ignoreExceptions()
                .until(() -> metrics().valueOr(series, 0), until::test);
    }

    /** Scrapes until a scrape satisfies {@code until}; returns it. */
    public Scrape awaitMetrics(String description, java.util.function.Predicate<Scrape> until) {
        return await(description + " on :" + port)
                .atMost(WAIT)
                .pollInterval(POLL)
                .ignoreExceptions()
                .until(this::metrics, until);
    }

    /** Stops the service (for a host: undeploys its verticles, then closes HTTP and Vert.x). */
    @Override
    public void close() throws Exception {
        stop.stop();
    }
}
