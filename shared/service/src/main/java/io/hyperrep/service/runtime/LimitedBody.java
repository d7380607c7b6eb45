package io.hyperrep.service.runtime;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request body up to a byte limit, whatever its content type. Vert.x's BodyHandler would
 * try to decode {@code application/x-www-form-urlencoded} (curl's default for {@code --data}) and
 * answer a plain-text 400; API clients should get the JSON error of the endpoint instead.
 */
public final class LimitedBody {

    /** The body is larger than the limit. */
    public static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("request body exceeds the limit of " + limit + " bytes");
        }
    }

    private LimitedBody() {}

    /**
     * Answers a failed {@link #read}: 413 {@code TOO_LARGE} naming the limit, or 400 {@code BAD_REQUEST} for
     * a body that could not be read (the connection's own error is not the client's business).
     */
    public static void refuse(RoutingContext ctx, Throwable failure) {
        boolean tooLarge = failure instanceof TooLarge;
        HttpErrors.reply(
                ctx,
                tooLarge ? 413 : 400,
                tooLarge ? "TOO_LARGE" : "BAD_REQUEST",
                tooLarge ? failure.getMessage() : "the request body could not be read");
    }

    public static Future<Buffer> read(HttpServerRequest request, long limit) {
        String length = request.getHeader("content-length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    return Future.failedFuture(new TooLarge(limit));
                }
            } catch (NumberFormatException ignored) {
                // a malformed length is checked by counting below
            }
        }
        Promise<Buffer> result = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                if (result.tryFail(new TooLarge(limit))) {
                    request.pause();
                }
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(result::tryFail);
        request.endHandler(v -> result.tryComplete(body));
        return result.future();
    }
}
