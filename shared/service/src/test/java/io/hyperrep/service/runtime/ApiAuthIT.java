package io.hyperrep.service.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer tokens on a real host's HTTP server, in front of routes mounted as services mount theirs: writes
 * need a token (401 without or malformed, 403 wrong), reads, {@code /metrics}, {@code /health} and
 * {@code /ready} are open unless configured, a rewritten token file takes effect without a restart, and a
 * 5xx answer carries an error id, not the exception's text.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ApiAuthIT {

    private static final String SECRET_DETAIL = "jdbc://db-7.internal:5432 password=hunter2";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldGuardWritesWithTheTokensOfARotatableFileAndLeaveReadsOpen(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("tokens");
        Files.writeString(file, "# API tokens, one per line\nfirst-token\n\nshared-token\n");
        ServiceHost host = host(Map.of(
                "http.auth.tokens.file",
                file.toString(),
                "http.auth.tokens.reload",
                "100ms",
                "http.auth.tokens",
                "env-token"));
        try {
            int port = ServiceHostTest.await(host.listen(0));

            HttpResponse<String> missing = send(port, "POST", "/api/things", null);
            assertEquals(401, missing.statusCode());
            assertEquals("UNAUTHORIZED", new JsonObject(missing.body()).getString("error"));
            assertTrue(
                    missing.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer"),
                    missing.headers().toString());
            HttpResponse<String> malformed = send(port, "POST", "/api/things", "Basic Zmlyc3QtdG9rZW4=");
            assertEquals(401, malformed.statusCode());
            assertTrue(new JsonObject(malformed.body()).getString("message").contains("malformed"), malformed.body());
            HttpResponse<String> wrong = send(port, "POST", "/api/things", "Bearer not-a-token");
            assertEquals(403, wrong.statusCode());
            assertEquals("FORBIDDEN", new JsonObject(wrong.body()).getString("error"));
            assertEquals(
                    200, send(port, "POST", "/api/things", "Bearer first-token").statusCode());
            assertEquals(
                    200,
                    send(port, "POST", "/api/things", "Bearer shared-token").statusCode(),
                    "several tokens in one file");
            assertEquals(
                    200,
                    send(port, "POST", "/api/things", "Bearer env-token").statusCode(),
                    "and one from the settings");
            assertEquals(403, send(port, "PUT", "/api/things", "Bearer nope").statusCode(), "any write method");

            for (String open : new String[] {"/api/things", "/health", "/ready", "/metrics"}) {
                assertEquals(200, send(port, "GET", open, null).statusCode(), open + " is open by default");
            }

            // Rotation: a new file (written aside, moved in place) replaces the old tokens, no restart.
            Path next = tmp.resolve("tokens.next");
            Files.writeString(next, "second-token\nshared-token\n");
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            await("the rotated-out token is refused")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> send(port, "POST", "/api/things", "Bearer first-token")
                                    .statusCode()
                            == 403);
            assertEquals(
                    200,
                    send(port, "POST", "/api/things", "Bearer second-token").statusCode(),
                    "the new one is accepted");
            assertEquals(
                    200,
                    send(port, "POST", "/api/things", "Bearer shared-token").statusCode());
        } finally {
            ServiceHostTest.await(host.close());
        }
    }

    @Test
    void shouldGuardReadsAndMetricsWhenConfiguredButNeverTheProbes() throws Exception {
        ServiceHost host = host(
                Map.of("http.auth.tokens", "reader-token", "http.auth.reads", "true", "http.auth.metrics", "true"));
        try {
            int port = ServiceHostTest.await(host.listen(0));
            assertEquals(401, send(port, "GET", "/api/things", null).statusCode());
            assertEquals(401, send(port, "GET", "/metrics", null).statusCode());
            assertEquals(403, send(port, "GET", "/metrics", "Bearer wrong").statusCode());
            assertEquals(
                    200, send(port, "GET", "/api/things", "Bearer reader-token").statusCode());
            HttpResponse<String> metrics = send(port, "GET", "/metrics", "Bearer reader-token");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("jvm_"), "a scrape");
            assertEquals(200, send(port, "GET", "/health", null).statusCode());
            assertEquals(200, send(port, "GET", "/ready", null).statusCode());
            assertEquals(
                    200,
                    send(port, "GET", "/dashboard", null).statusCode(),
                    "the page shell loads; its reads carry the token");
        } finally {
            ServiceHostTest.await(host.close());
        }
    }

    @Test
    void shouldRefuseEveryWriteWhenNoTokenIsConfigured() throws Exception {
        ServiceHost host = host(Map.of());
        try {
            int port = ServiceHostTest.await(host.listen(0));
            assertEquals(401, send(port, "POST", "/api/things", null).statusCode());
            assertEquals(
                    403, send(port, "POST", "/api/things", "Bearer anything").statusCode());
        } finally {
            ServiceHostTest.await(host.close());
        }
        ServiceHost open = host(Map.of("http.auth.writes", "false"));
        try {
            assertEquals(
                    200,
                    send(ServiceHostTest.await(open.listen(0)), "POST", "/api/things", null)
                            .statusCode(),
                    "writes left open on purpose");
        } finally {
            ServiceHostTest.await(open.close());
        }
    }

    @Test
    void shouldAnswerAFailureWithAnErrorIdAndNoExceptionText() throws Exception {
        ServiceHost host = host(Map.of("http.auth.tokens", "t"));
        try {
            int port = ServiceHostTest.await(host.listen(0));
            for (String path : new String[] {"/api/fails", "/api/throws"}) {
                HttpResponse<String> r = send(port, "GET", path, null);
                assertEquals(500, r.statusCode(), path);
                JsonObject body = new JsonObject(r.body());
                assertEquals("INTERNAL", body.getString("error"));
                String id = body.getString("errorId");
                assertNotNull(id, r.body());
                assertTrue(body.getString("message").contains(id), r.body());
                for (String leak :
                        new String[] {"hunter2", "db-7", "IllegalStateException", "Exception", "at io.hyperrep"}) {
                    assertFalse(r.body().contains(leak), "no '" + leak + "' in " + r.body());
                }
            }
        } finally {
            ServiceHostTest.await(host.close());
        }
    }

    /** A host with the routes a service would mount. */
    private static ServiceHost host(Map<String, String> settings) {
        ServiceHost host = ServiceHost.create(Settings.empty().with(settings, "test"), "auth-test");
        var router = host.context().router();
        router.route("/api/things").handler(ctx -> ServiceHost.json(ctx, 200, new JsonObject().put("ok", true)));
        router.get("/dashboard").handler(ctx -> ctx.response().end("<html></html>"));
        router.get("/api/fails").handler(ctx -> ctx.fail(new IllegalStateException("cannot reach " + SECRET_DETAIL)));
        router.get("/api/throws").handler(ctx -> {
            throw new IllegalStateException("lost " + SECRET_DETAIL);
        });
        return host;
    }

    private HttpResponse<String> send(int port, String method, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        method.equals("GET")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            b.header("authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
