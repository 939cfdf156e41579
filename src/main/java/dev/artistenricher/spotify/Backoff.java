package dev.artistenricher.spotify;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with "equal jitter": half the step is fixed, half random, so retries of many callers spread out. */
public final class Backoff {

    private Backoff() {
    }

    /** The wait before attempt {@code attempt + 1} (attempt counts from 1). */
    public static Duration exponential(Duration first, Duration max, int attempt) {
        long base = first.toMillis();
        long step = attempt >= 31 ? max.toMillis() : Math.min(max.toMillis(), base << Math.max(0, attempt - 1));
        long half = step / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
