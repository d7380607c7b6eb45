package io.hyperrep.service.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void shouldAllowABurstThenOneRequestPerRefillAndSayHowLongToWait() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(0.5, 3, now::get); // one every 2 s
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limiter.acquire("a"), "burst request " + i);
        }
        Optional<Duration> wait = limiter.acquire("a");
        assertEquals(Optional.of(Duration.ofSeconds(2)), wait);
        assertEquals(Optional.empty(), limiter.acquire("b"), "another client has its own bucket");
        now.addAndGet(Duration.ofMillis(1500).toNanos());
        assertEquals(Optional.of(Duration.ofMillis(500)), limiter.acquire("a"), "a refused request takes nothing");
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertEquals(Optional.empty(), limiter.acquire("a"));
        assertTrue(limiter.acquire("a").isPresent());
        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limiter.acquire("a"), "refilled up to the burst, not beyond");
        }
        assertTrue(limiter.acquire("a").isPresent());
    }
}
