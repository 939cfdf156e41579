package dev.artistenricher.sandbox;

import java.util.ArrayDeque;

/**
 * Spotify's rate limit: at most N calls in a rolling window (30 s for the real API).
 *
 * <p>Over the limit the caller is told to retry after the time until the oldest call leaves the
 * window. A client that calls again during that announced wait is penalized: the wait grows by a
 * second, which is what makes ignoring Retry-After visibly counterproductive.
 */
final class RollingWindowRateLimiter {

    private static final long PENALTY_NANOS = NanoClock.NANOS_PER_SECOND;

    private volatile boolean enabled;
    private int maxCalls;
    private long windowNanos;
    private final ArrayDeque<Long> admitted = new ArrayDeque<>();
    private long blockedUntil; // 0 = no wait announced
    private long announcedNanos; // 0 = announce the time until the window frees

    /** Sets the limit and forgets past calls; {@code maxCalls <= 0} disables it. */
    synchronized void configure(int maxCalls, long windowNanos) {
        configure(maxCalls, windowNanos, 0);
    }

    /**
     * As {@link #configure(int, long)}, but each refusal announces {@code announcedNanos} (rounded
     * up to whole seconds) whatever the window says, as the real service does: its Retry-After is
     * short and says nothing about when the window frees. A call after that wait is checked
     * against the window again.
     */
    synchronized void configure(int maxCalls, long windowNanos, long announcedNanos) {
        this.maxCalls = maxCalls;
        this.windowNanos = windowNanos;
        this.announcedNanos = announcedNanos;
        this.admitted.clear();
        this.blockedUntil = 0;
        this.enabled = maxCalls > 0 && windowNanos > 0;
    }

    /**
     * Admits or refuses a call arriving at {@code now}.
     *
     * @return 0 if admitted, otherwise the nanoseconds the caller must wait
     */
    long tryAcquire(long now) {
        if (!enabled) {
            return 0; // lock-free fast path for the common, unlimited case
        }
        synchronized (this) {
            if (!enabled) {
                return 0;
            }
            if (blockedUntil != 0 && now < blockedUntil) {
                blockedUntil += PENALTY_NANOS;
                return blockedUntil - now;
            }
            blockedUntil = 0;
            while (!admitted.isEmpty() && admitted.peekFirst() <= now - windowNanos) {
                admitted.pollFirst();
            }
            if (admitted.size() < maxCalls) {
                admitted.addLast(now);
                return 0;
            }
            blockedUntil = announcedNanos > 0 ? now + announcedNanos : admitted.peekFirst() + windowNanos;
            return blockedUntil - now;
        }
    }
}
