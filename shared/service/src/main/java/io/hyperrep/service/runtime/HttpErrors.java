package io.hyperrep.service.runtime;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error shape every endpoint answers in: {@code {error, message}} ({@link #reply}). Server-side
 * failures ({@link #serverError}) get a fixed message and an error id, never the exception's text (it can
 * name hosts, paths, topics, configuration); the exception goes to the log under the same id, so an
 * operator finds it from what the client reports.
 */
public final class HttpErrors {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

    private HttpErrors() {}

    /** Answers {@code status} with {@code {"error": error, "message": message}}: a machine-readable code and a sentence. */
    public static void reply(RoutingContext ctx, int status, String error, String message) {
        ServiceHost.json(ctx, status, body(error, message));
    }

    private static JsonObject body(String error, String message) {
        return new JsonObject().put("error", error).put("message", message);
    }

    /** A new error id: 12 hex digits. */
    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * Answers {@code status} (5xx) with {@code {error, message, errorId}}; {@code message} says what failed in
     * the service's words, {@code cause} is logged with the id.
     */
    public static void serverError(RoutingContext ctx, int status, String error, String message, Throwable cause) {
        String id = newId();
        LOG.error(
                "{} {} answered {} {}: {} [error id {}]",
                ctx.request().method(),
                ctx.request().path(),
                status,
                error,
                message,
                id,
                cause);
        ServiceHost.json(
                ctx, status, body(error, message + " (error id " + id + ")").put("errorId", id));
    }
}
