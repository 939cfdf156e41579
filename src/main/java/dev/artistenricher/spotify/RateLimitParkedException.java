package dev.artistenricher.spotify;

import java.time.Instant;

/**
 * Spotify asked for a wait longer than {@code enricher.max-inline-wait} (e.g. the Development Mode
 * quota's hours): the work is parked until {@link #until()} instead of holding a thread.
 */
public final class RateLimitParkedException extends Exception {

    private final Instant until;

    public RateLimitParkedException(Instant until, String reason) {
        super("Spotify rate limit" + (reason.isEmpty() ? "" : " (" + reason + ")") + ": retry after " + until);
        this.until = until;
    }

    public Instant until() {
        return until;
    }
}
