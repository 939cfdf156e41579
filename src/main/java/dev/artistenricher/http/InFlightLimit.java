package dev.artistenricher.http;

import java.util.concurrent.Semaphore;

/**
 * At most {@code enricher.http.max-in-flight} requests enriched at once. One more is refused at
 * once (429) instead of waiting: a queue in front of Spotify's rate limit would only turn into
 * client time-outs, and the caller knows best whether to retry.
 */
public final class InFlightLimit {

    private final Semaphore permits;
    private final int max;

    public InFlightLimit(int max) {
        this.max = max;
        this.permits = new Semaphore(max);
    }

    /** Takes a place if one is free, never waiting. */
    public boolean tryEnter() {
        return permits.tryAcquire();
    }

    /** Gives back a place taken by {@link #tryEnter()}. */
    public void leave() {
        permits.release();
    }

    /** Requests being enriched now. */
    public int inFlight() {
        return max - permits.availablePermits();
    }

    public int max() {
        return max;
    }
}
