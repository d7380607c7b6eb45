package io.hyperrep.service.runtime;

import io.hyperrep.service.settings.CommonKeys;
import io.vertx.core.http.HttpMethod;

/**
 * Which requests need a bearer token: writes (every method but GET, HEAD, OPTIONS) unless
 * {@code http.auth.writes} is false; reads of the APIs ({@code /api/...}) only with {@code http.auth.reads};
 * {@code /metrics} only with {@code http.auth.metrics}. {@code /health} and {@code /ready} are always open
 * (probes carry no token), and so is the dashboard page itself: it holds no data, a browser cannot add a
 * header to a navigation, and the page sends the token with its own reads of {@code /api/dashboard}.
 */
public record ApiAccess(boolean writes, boolean reads, boolean metrics) {

    public static ApiAccess from(Settings s) {
        return new ApiAccess(
                s.get(CommonKeys.HTTP_AUTH_WRITES),
                s.get(CommonKeys.HTTP_AUTH_READS),
                s.get(CommonKeys.HTTP_AUTH_METRICS));
    }

    public boolean needsToken(HttpMethod method, String path) {
        if (path.equals("/health") || path.equals("/ready")) {
            return false;
        }
        if (path.equals("/metrics")) {
            return metrics;
        }
        // HttpMethod is a class in Vert.x 5, not an enum: compared by value
        boolean read =
                HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method);
        if (!read) {
            return writes;
        }
        return reads && !path.equals("/dashboard");
    }
}
