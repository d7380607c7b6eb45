package io.hyperrep.service.runtime;

import io.hyperrep.service.settings.CommonKeys;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * One hyperrep process: a Vert.x instance whose metrics (JVM, Vert.x, and every service's
 * {@code hyperrep_*} meters) go to one Prometheus registry, one HTTP server with {@code /health},
 * {@code /ready}, {@code /metrics} and the services' APIs behind {@link ApiAuth}, and the deployed verticles. Closing it
 * undeploys the verticles (each finishes or checkpoints its work in {@code stop()}), then stops HTTP
 * and Vert.x.
 */
public final class ServiceHost {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServiceHost.class);

    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;
    private final Router router;
    private final Readiness readiness = new Readiness();
    private final Settings settings;
    private final String instanceId;
    private final List<String> deployments = Collections.synchronizedList(new ArrayList<>());
    private final boolean refusesEveryWrite;
    /** The one HTTP server, once a {@link #listen} started it (still binding, bound, or failed). Guarded by this. */
    private Future<HttpServer> server;

    private ServiceHost(Settings settings, String instanceId) {
        this.settings = settings;
        this.instanceId = instanceId;
        // read before anything is started: a bad setting or an unreadable token file stops the process here
        ApiAccess access = ApiAccess.from(settings);
        ApiTokens tokens = ApiTokens.from(settings);
        long reloadMillis = settings.get(CommonKeys.HTTP_AUTH_TOKENS_RELOAD).toMillis();
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.vertx = Vertx.builder()
                .with(new VertxOptions()
                        .setMetricsOptions(
                                new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        this.router = Router.router(vertx);
        // First: every route a service mounts later is behind it (writes need a token unless configured otherwise).
        router.route().handler(new ApiAuth(access, tokens));
        if (tokens.hasFile()) {
            vertx.setPeriodic(reloadMillis, t -> vertx.executeBlocking(tokens::reload, false));
        }
        this.refusesEveryWrite = access.writes() && !tokens.any();
        router.get("/health")
                .handler(ctx ->
                        json(ctx, 200, new JsonObject().put("status", "UP").put("instance", instanceId)));
        router.get("/ready").handler(this::ready);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
        // Errors raised by Vert.x itself (body limit, no route) answer in JSON like every endpoint.
        router.errorHandler(
                413, ctx -> HttpErrors.reply(ctx, 413, "TOO_LARGE", "request body exceeds the limit of this endpoint"));
        router.errorHandler(
                404,
                ctx -> HttpErrors.reply(
                        ctx,
                        404,
                        "NOT_FOUND",
                        "no endpoint " + ctx.request().method() + " "
                                + ctx.request().path()));
        router.errorHandler(500, ctx -> HttpErrors.serverError(ctx, 500, "INTERNAL", "internal error", ctx.failure()));
    }

    /** A host whose instance id is {@code <name>-<pid>}. */
    public static ServiceHost create(Settings settings, String name) {
        return new ServiceHost(
                settings, name + "-" + ManagementFactory.getRuntimeMXBean().getPid());
    }

    public Vertx vertx() {
        return vertx;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Readiness readiness() {
        return readiness;
    }

    public ServiceContext context() {
        return new ServiceContext(settings, registry, router, readiness, instanceId);
    }

    /** Deploys one verticle built from this host's context. */
    public Future<String> deploy(Function<ServiceContext, Deployable> verticle) {
        return deploy(verticle, new DeploymentOptions());
    }

    public Future<String> deploy(Function<ServiceContext, Deployable> verticle, DeploymentOptions options) {
        return vertx.deployVerticle(verticle.apply(context()), options).onSuccess(deployments::add);
    }

    /**
     * Starts the HTTP server; {@code port} 0 picks a free one. Completes with the bound port. The host
     * has one server: a later call (even while the first is still binding) gets that server's port when
     * it asks for port 0 or that port, and fails with an {@link IllegalStateException} when it asks for
     * another one. A server that failed to start is forgotten, so a later call may try again.
     */
    public synchronized Future<Integer> listen(int port) {
        if (server == null) {
            if (refusesEveryWrite && hasWriteEndpoint()) {
                LOG.warn(
                        "no API token configured (http.auth.tokens, http.auth.tokens.file): the write endpoints refuse every request");
            }
            // No h2c upgrade: Java's HttpClient asks for it on every new connection, and Vert.x 5.0.7 then
            // intermittently answered a large /metrics body as HTTP/1.1 text inside the HTTP/2 stream
            // (client: "Frame type(97) length(6627431) exceeds MAX_FRAME_SIZE"). Scrapers speak HTTP/1.1.
            HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false);
            Future<HttpServer> starting =
                    vertx.createHttpServer(options).requestHandler(router).listen(port);
            server = starting;
            starting.onFailure(e -> forget(starting));
        }
        return server.compose(s -> port == 0 || port == s.actualPort()
                ? Future.succeededFuture(s.actualPort())
                : Future.failedFuture(new IllegalStateException(
                        "already listening on port " + s.actualPort() + "; cannot also listen on " + port)));
    }

    private boolean hasWriteEndpoint() {
        return router.getRoutes().stream()
                .anyMatch(r -> r.getPath() != null
                        && r.methods() != null
                        && r.methods().stream()
                                .anyMatch(m -> !m.equals(io.vertx.core.http.HttpMethod.GET)
                                        && !m.equals(io.vertx.core.http.HttpMethod.HEAD)));
    }

    private synchronized void forget(Future<HttpServer> failed) {
        if (server == failed) {
            server = null;
        }
    }

    private synchronized Future<HttpServer> server() {
        return server;
    }

    /** Undeploys the verticles in reverse order (graceful stop of each), then closes HTTP and Vert.x. */
    public Future<Void> close() {
        List<String> ids = new ArrayList<>(deployments);
        Collections.reverse(ids);
        Future<Void> chain = Future.succeededFuture();
        for (String id : ids) {
            chain = chain.compose(v -> vertx.undeploy(id).recover(e -> Future.succeededFuture()));
        }
        return chain.compose(v -> {
                    Future<HttpServer> s = server();
                    return s == null
                            ? Future.<Void>succeededFuture()
                            : s.transform(ar -> ar.succeeded() ? ar.result().close() : Future.<Void>succeededFuture());
                })
                .eventually(() -> vertx.close())
                .onComplete(ar -> registry.close());
    }

    private void ready(RoutingContext ctx) {
        if (readiness.ready()) {
            json(ctx, 200, new JsonObject().put("status", "READY"));
        } else {
            JsonObject pending = new JsonObject();
            readiness.pending().forEach(pending::put);
            json(ctx, 503, new JsonObject().put("status", "NOT_READY").put("pending", pending));
        }
    }

    /** Writes a JSON response; the one way every hyperrep endpoint answers. */
    public static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(body.encode());
    }
}
