package dev.artistenricher.spotify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one gate every API call passes. A 429 closes it until the announced {@code Retry-After}
 * has passed, for all callers at once: Spotify's limit is per app, so one caller's 429 means
 * everybody must hold back, and calling during the wait only makes it longer.
 */
public final class RateLimitGate {

    private final Clock clock;
    private final AtomicReference<Instant> openAt = new AtomicReference<>(Instant.EPOCH);

    public RateLimitGate(Clock clock) {
        this.clock = clock;
    }

    /** Closes the gate for at least {@code wait} from now (a later closing time already set wins). */
    public void closeFor(Duration wait) {
        Instant until = clock.instant().plus(wait);
        openAt.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * Blocks until the gate is open, unless that would take longer than {@code maxInlineWait}: such
     * a wait is never slept through, the work is parked instead.
     */
    public void awaitOpen(Duration maxInlineWait) throws InterruptedException, RateLimitParkedException {
        Instant now;
        while ((now = clock.instant()).isBefore(openAt.get())) {
            Duration wait = Duration.between(now, openAt.get());
            if (wait.compareTo(maxInlineWait) > 0) {
                throw new RateLimitParkedException(openAt.get(), "");
            }
            Thread.sleep(Math.max(1, wait.toMillis()));
        }
    }

    public Instant openAt() {
        return openAt.get();
    }
}
