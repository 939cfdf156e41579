package dev.artistenricher.sandbox;

/**
 * Monotonic time in nanoseconds, always positive.
 *
 * <p>Expiry, rate-limit windows and Retry-After deadlines must not jump when the wall clock is
 * adjusted, so everything uses {@link System#nanoTime()}. Shifting it to start at 1 lets callers
 * use {@code 0} as "no deadline" without a separate flag.
 */
final class NanoClock {

    private static final long ORIGIN = System.nanoTime();

    static final long NANOS_PER_SECOND = 1_000_000_000L;

    private NanoClock() {
    }

    /** Nanoseconds since this class was loaded, plus one; never zero or negative. */
    static long now() {
        return System.nanoTime() - ORIGIN + 1;
    }

    /** Whole seconds for a Retry-After header: rounded up, at least 1, as Spotify never says 0. */
    static long retryAfterSeconds(long nanos) {
        long seconds = (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
        return Math.max(1, seconds);
    }
}
