package dev.artistenricher.spotify;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An app access token and its timing. {@link #toString()} never shows the value.
 *
 * <p>Times are taken when the request for the token was sent, so this side always believes
 * the token expires a little earlier than the server does.
 */
public final class AccessToken {

    /** Renewal happens once 80–90 % of the lifetime has passed (SPEC.md); the point is drawn once per token. */
    private static final double RENEW_FROM = 0.80;
    private static final double RENEW_SPREAD = 0.05;

    private static final AtomicLong SERIALS = new AtomicLong();

    private final long serial = SERIALS.incrementAndGet();
    private final String value;
    private final Instant obtainedAt;
    private final Duration lifetime;
    private final Instant renewAt;
    private final Instant usableUntil;

    public AccessToken(String value, Instant obtainedAt, Duration lifetime) {
        this.value = value;
        this.obtainedAt = obtainedAt;
        this.lifetime = lifetime;
        double fraction = RENEW_FROM + ThreadLocalRandom.current().nextDouble(RENEW_SPREAD);
        this.renewAt = obtainedAt.plusMillis((long) (lifetime.toMillis() * fraction));
        // a request must not carry a token that could expire while it travels: keep a margin
        // of 10 % of the lifetime, at most 30 s
        long marginMillis = Math.min(30_000, lifetime.toMillis() / 10);
        this.usableUntil = obtainedAt.plus(lifetime).minusMillis(marginMillis);
    }

    /** Tells tokens apart without holding their values (a 401 names the token it refused by this). */
    public long serial() {
        return serial;
    }

    public String value() {
        return value;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public Instant renewAt() {
        return renewAt;
    }

    public boolean isUsableAt(Instant now) {
        return now.isBefore(usableUntil);
    }

    public boolean isRenewalDueAt(Instant now) {
        return !now.isBefore(renewAt);
    }

    @Override
    public String toString() {
        return "AccessToken[****, obtainedAt=" + obtainedAt + ", lifetime=" + lifetime + "]";
    }
}
