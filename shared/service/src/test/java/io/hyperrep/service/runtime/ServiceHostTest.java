package io.hyperrep.service.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One host, one HTTP server: asking for it again gives the same server, never a second one. */
class ServiceHostTest {

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static int health(int port) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void shouldAnswerEveryListenWithTheOneServerItStarted() throws Exception {
        ServiceHost host = ServiceHost.create(Settings.empty(), "listen-test");
        int port;
        try {
            // two calls before the first has bound: still one server
            Future<Integer> first = host.listen(0);
            Future<Integer> concurrent = host.listen(0);
            port = await(first);
            assertEquals(port, await(concurrent), "a concurrent listen gets the server being started");
            assertEquals(port, await(host.listen(0)), "a later listen on any port gets the server already running");
            assertEquals(port, await(host.listen(port)), "and so does one on its own port");
            assertEquals(200, health(port));

            int other;
            try (ServerSocket free = new ServerSocket(0)) {
                other = free.getLocalPort();
            }
            ExecutionException e = assertThrows(ExecutionException.class, () -> await(host.listen(other)));
            assertTrue(
                    e.getCause() instanceof IllegalStateException
                            && e.getCause().getMessage().contains("already listening on port " + port),
                    String.valueOf(e.getCause()));
            assertEquals(200, health(port), "the running server is untouched");
        } finally {
            await(host.close());
        }
        assertThrows(ConnectException.class, () -> health(port), "closing the host closed its server");
    }

    @Test
    void shouldListenAgainAfterAFailedListen() throws Exception {
        ServiceHost host = ServiceHost.create(Settings.empty(), "listen-retry-test");
        try (ServerSocket taken = new ServerSocket(0)) {
            int busy = taken.getLocalPort();
            assertThrows(ExecutionException.class, () -> await(host.listen(busy)), "the port is taken");
            int port = await(host.listen(0));
            assertEquals(200, health(port), "a failed start leaves the host free to listen elsewhere");
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            await(host.close());
        }
    }
}
