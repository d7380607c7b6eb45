package io.hyperrep.service.runtime;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;

/**
 * The first handler of every request: lets through what {@link ApiAccess} leaves open, and otherwise asks
 * for {@code Authorization: Bearer <token>}: 401 {@code UNAUTHORIZED} when it is missing or malformed, 403
 * {@code FORBIDDEN} when the token is not accepted ({@link ApiTokens}). An accepted request carries its
 * token's fingerprint as {@link #CLIENT} (rate limits key by it).
 */
public final class ApiAuth implements Handler<RoutingContext> {

    /** Routing-context key of the caller's identity: {@code token:<fingerprint>}, set for authenticated requests. */
    public static final String CLIENT = "hyperrep.client";

    private final ApiAccess access;
    private final ApiTokens tokens;

    public ApiAuth(ApiAccess access, ApiTokens tokens) {
        this.access = access;
        this.tokens = tokens;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("authorization");
        if (!access.needsToken(ctx.request().method(), ctx.request().path())) {
            // identify a caller who sent a valid token anyway, so its rate limit is its own
            bearer(header).flatMap(tokens::match).ifPresent(f -> ctx.put(CLIENT, "token:" + f));
            ctx.next();
            return;
        }
        if (header == null || header.isBlank()) {
            refuse(ctx, 401, "UNAUTHORIZED", "this endpoint needs a token: send 'Authorization: Bearer <token>'");
            return;
        }
        Optional<String> token = bearer(header);
        if (token.isEmpty()) {
            refuse(ctx, 401, "UNAUTHORIZED", "malformed Authorization header: send 'Authorization: Bearer <token>'");
            return;
        }
        Optional<String> fingerprint = tokens.match(token.get());
        if (fingerprint.isEmpty()) {
            refuse(ctx, 403, "FORBIDDEN", "the token is not accepted");
            return;
        }
        ctx.put(CLIENT, "token:" + fingerprint.get());
        ctx.next();
    }

    /** The token of a well-formed {@code Bearer} header. */
    static Optional<String> bearer(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.length() <= 7 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return Optional.empty();
        }
        String token = h.substring(7).strip();
        return token.isEmpty() || token.contains(" ") ? Optional.empty() : Optional.of(token);
    }

    private static void refuse(RoutingContext ctx, int status, String error, String message) {
        if (status == 401) {
            ctx.response().putHeader("www-authenticate", "Bearer realm=\"hyperrep\"");
        }
        HttpErrors.reply(ctx, status, error, message);
    }
}
