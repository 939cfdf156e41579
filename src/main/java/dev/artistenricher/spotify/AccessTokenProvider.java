package dev.artistenricher.spotify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current app access token for every thread that calls the API.
 *
 * <p>The token is renewed from two places that share one lock, so there is never more than one
 * request to the token endpoint at a time: the Quartz route ({@link #renewIfDue()}) renews it ahead
 * of expiry, and a caller that finds no usable token ({@link #bearerToken()}) fetches one itself.
 * Failed requests set a back-off time before which nobody asks again, so a broken endpoint or
 * rejected credentials are not hammered.
 */
public final class AccessTokenProvider {

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenProvider.class);
    private static final Duration OUTAGE_FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration OUTAGE_MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Duration REJECTED_FIRST_BACKOFF = Duration.ofSeconds(30);
    private static final Duration REJECTED_MAX_BACKOFF = Duration.ofMinutes(15);

    private final TokenEndpoint endpoint;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private volatile AccessToken current;
    private volatile TokenRequestException lastFailure;
    private Instant nextAttemptAt = Instant.EPOCH;
    private int consecutiveFailures;
    private volatile long renewals;

    /** One request to the token endpoint (the route {@code spotify-token}). */
    @FunctionalInterface
    public interface TokenEndpoint {
        AccessToken requestToken() throws TokenRequestException, InterruptedException;
    }

    public AccessTokenProvider(TokenEndpoint endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** Called by the Quartz trigger: fetches a token when there is none or 80–90 % of its life has passed. */
    public void renewIfDue() throws InterruptedException {
        AccessToken token = current;
        Instant now = clock.instant();
        if (token == null || token.isRenewalDueAt(now) || !token.isUsableAt(now)) {
            obtain(token, false, false);
        }
    }

    /**
     * The value of a token that is valid now and will stay valid while a request travels. Waits
     * (without limit, interruptibly) while the token endpoint is failing: API calls wait for a token.
     */
    public String bearerToken() throws InterruptedException {
        return usableToken().value();
    }

    /**
     * Like {@link #bearerToken()}, but returns the token's serial number instead of its value: what
     * the enrich route keeps about the token a call carries (never the value itself).
     */
    public long awaitUsableToken() throws InterruptedException {
        return usableToken().serial();
    }

    private AccessToken usableToken() throws InterruptedException {
        while (true) {
            AccessToken token = current;
            if (token != null && token.isUsableAt(clock.instant())) {
                return token;
            }
            obtain(token, false, true);
        }
    }

    /** After a 401: replaces the token that was refused, unless another thread already did. */
    public void renewAfterRejection(long rejectedSerial) throws InterruptedException {
        AccessToken token = current;
        if (token != null && token.serial() == rejectedSerial) {
            obtain(token, true, true);
        }
    }

    /** Waits until a token request has been answered, either way; for start-up checks. */
    public Optional<TokenRequestException> awaitFirstAnswer(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (current == null && lastFailure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                changed.awaitNanos(left);
            }
            return current == null ? Optional.ofNullable(lastFailure) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    public boolean hasUsableToken() {
        AccessToken token = current;
        return token != null && token.isUsableAt(clock.instant());
    }

    /** Why there is no token, when there is none. */
    public Optional<TokenRequestException> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    public long renewals() {
        return renewals;
    }

    /**
     * Fetches a token unless someone else replaced {@code seen} meanwhile. Honours the back-off:
     * before {@code nextAttemptAt} it waits for another thread's success or for the time to come.
     */
    private void obtain(AccessToken seen, boolean force, boolean waitOutBackoff) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (current != seen && current != null && (force || current.isUsableAt(clock.instant()))) {
                return; // another thread renewed it while we waited for the lock
            }
            if (force && current == seen) {
                current = null; // the server refused it: nobody may send it again
            }
            Instant now = clock.instant();
            if (now.isBefore(nextAttemptAt)) {
                if (!waitOutBackoff) {
                    return;
                }
                long waitMillis = Math.max(1, Duration.between(now, nextAttemptAt).toMillis());
                changed.await(waitMillis, TimeUnit.MILLISECONDS);
                return;
            }
            try {
                AccessToken fresh = endpoint.requestToken();
                onSuccess(fresh);
            } catch (TokenRequestException e) {
                onFailure(e);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void onSuccess(AccessToken fresh) {
        boolean recovered = lastFailure != null;
        current = fresh;
        lastFailure = null;
        consecutiveFailures = 0;
        nextAttemptAt = Instant.EPOCH;
        renewals++;
        if (recovered) {
            LOG.info("Spotify access token obtained again after failures; valid for {} s", fresh.lifetime().toSeconds());
        } else {
            LOG.info("Spotify access token obtained, valid for {} s, renewal at {}", fresh.lifetime().toSeconds(), fresh.renewAt());
        }
    }

    private void onFailure(TokenRequestException e) {
        consecutiveFailures++;
        Duration first = e.credentialsRejected() ? REJECTED_FIRST_BACKOFF : OUTAGE_FIRST_BACKOFF;
        Duration max = e.credentialsRejected() ? REJECTED_MAX_BACKOFF : OUTAGE_MAX_BACKOFF;
        Duration backoff = Backoff.exponential(first, max, consecutiveFailures);
        nextAttemptAt = clock.instant().plus(backoff);
        boolean sameAsBefore = lastFailure != null && lastFailure.getMessage().equals(e.getMessage());
        lastFailure = e;
        if (sameAsBefore) {
            LOG.debug("Spotify token request failed again ({}); next attempt in {} ms", e.getMessage(), backoff.toMillis());
        } else if (e.credentialsRejected()) {
            LOG.error("Spotify rejected the client credentials ({}): check spotify.client-id and spotify.client-secret; next attempt in {} s",
                    e.getMessage(), backoff.toSeconds());
        } else {
            LOG.warn("Spotify token endpoint failed ({}); API calls wait, next attempt in {} ms", e.getMessage(), backoff.toMillis());
        }
    }
}
