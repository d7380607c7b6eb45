package io.hyperrep.service.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiAuthTest {

    @Test
    void shouldTakeOnlyAWellFormedBearerHeader() {
        assertEquals(Optional.of("abc"), ApiAuth.bearer("Bearer abc"));
        assertEquals(Optional.of("abc"), ApiAuth.bearer("bearer  abc "));
        assertEquals(Optional.empty(), ApiAuth.bearer("Basic YWxhZGRpbg=="));
        assertEquals(Optional.empty(), ApiAuth.bearer("Bearer"));
        assertEquals(Optional.empty(), ApiAuth.bearer("Bearer a b"));
        assertEquals(Optional.empty(), ApiAuth.bearer(null));
    }

    @Test
    void shouldProtectWritesByDefaultAndReadsAndMetricsOnlyWhenAsked() {
        ApiAccess defaults = ApiAccess.from(Settings.empty());
        assertTrue(defaults.needsToken(HttpMethod.POST, "/api/generate"));
        assertTrue(defaults.needsToken(HttpMethod.DELETE, "/anything"));
        assertFalse(defaults.needsToken(HttpMethod.GET, "/api/dashboard"));
        assertFalse(defaults.needsToken(HttpMethod.GET, "/metrics"));
        ApiAccess strict =
                ApiAccess.from(Settings.empty().with("http.auth.reads", true).with("http.auth.metrics", true));
        assertTrue(strict.needsToken(HttpMethod.GET, "/api/dashboard"));
        assertTrue(strict.needsToken(HttpMethod.GET, "/metrics"));
        assertFalse(strict.needsToken(HttpMethod.GET, "/dashboard"), "the page shell holds no data");
        for (ApiAccess a : new ApiAccess[] {defaults, strict, new ApiAccess(true, true, true)}) {
            assertFalse(a.needsToken(HttpMethod.GET, "/health"));
            assertFalse(a.needsToken(HttpMethod.GET, "/ready"));
        }
    }

    @Test
    void shouldMatchOnlyAcceptedTokensAndFingerprintThemWithoutTheToken() {
        ApiTokens tokens = ApiTokens.from(Settings.empty().with("http.auth.tokens", "alpha-token, beta-token"));
        Optional<String> alpha = tokens.match("alpha-token");
        assertTrue(alpha.isPresent());
        assertFalse(alpha.get().contains("alpha"));
        assertTrue(tokens.match("beta-token").isPresent());
        assertFalse(tokens.match("alpha-token2").isPresent());
        assertFalse(tokens.match("").isPresent());
        assertFalse(ApiTokens.from(Settings.empty()).any());
    }
}
