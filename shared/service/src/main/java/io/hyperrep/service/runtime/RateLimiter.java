package io.hyperrep.service.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code burst} requests at once, refilled at {@code perSecond}. Clients are
 * whatever key the caller chooses (a token's fingerprint, a remote address). Buckets that have filled up
 * again are forgotten once there are many, so the map stays bounded. Thread-safe.
 */
public final class RateLimiter {

    private static final int FORGET_ABOVE = 10_000;

    private final double perNano;
    private final int burst;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public RateLimiter(double perSecond, int burst, LongSupplier nanos) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanos = nanos;
    }

    public RateLimiter(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    /** Takes one request of {@code client}'s allowance: empty if allowed, else how long until the next one is. */
    public synchronized Optional<Duration> acquire(String client) {
        long now = nanos.getAsLong();
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
        b.tokens = Math.min(burst, b.tokens + (now - b.at) * perNano);
        b.at = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            if (buckets.size() > FORGET_ABOVE) {
                forgetFull(now);
            }
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - b.tokens) / perNano)));
    }

    private void forgetFull(long now) {
        buckets.values().removeIf(b -> b.tokens + (now - b.at) * perNano >= burst);
    }
}
