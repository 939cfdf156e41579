package dev.artistenricher.sandbox;

import java.util.OptionalInt;

/**
 * Decides whether an authenticated call is throttled: Development Mode quota first, then the
 * rolling-window rate limit, then injected 429s. Every Retry-After it announces is reported to the
 * stats so that calls ignoring it can be counted.
 */
final class ThrottleGate {

    private static final byte[] RATE_LIMITED = SpotifyErrors.api(429, "API rate limit exceeded");
    private static final byte[] QUOTA_EXCEEDED = SpotifyErrors.api(429, "Too many requests", "QUOTA_EXCEEDED");

    private final EmulatorControls controls;
    private final EmulatorStats stats;

    ThrottleGate(EmulatorControls controls, EmulatorStats stats) {
        this.controls = controls;
        this.stats = stats;
    }

    /** @return null if the call may proceed, otherwise the 429 to answer */
    ApiRejection check(long now) {
        long quotaWait = controls.quota().check(now);
        if (quotaWait > 0) {
            return announce(QUOTA_EXCEEDED, NanoClock.retryAfterSeconds(quotaWait), now);
        }
        long rateWait = controls.rateLimiter().tryAcquire(now);
        if (rateWait > 0) {
            return announce(RATE_LIMITED, NanoClock.retryAfterSeconds(rateWait), now);
        }
        OptionalInt injected = controls.tooManyRequestsInjection().claim();
        if (injected.isPresent()) {
            return announce(RATE_LIMITED, injected.getAsInt(), now);
        }
        return null;
    }

    /** Builds a 429 and records until when the client has been told to wait. */
    ApiRejection announce(byte[] body, long retryAfterSeconds, long now) {
        stats.retryAfterAnnounced(now + retryAfterSeconds * NanoClock.NANOS_PER_SECOND);
        return ApiRejection.tooManyRequests(body, retryAfterSeconds);
    }
}
