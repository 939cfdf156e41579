package dev.artistenricher.spotify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate every API call passes. Spotify's limit is per app, so one caller's 429 holds
 * everybody back, and calling during the announced wait only makes it longer. Beyond obeying
 * {@code Retry-After}, the gate learns:
 *
 * <ul>
 *   <li><b>One probe.</b> When the wait is over, one call goes out alone; the others wait for its
 *       answer. A probe that meets another 429 doubles the next wait (2, 4, 8, 16 s ... for a
 *       {@code Retry-After: 2}, at most {@code maxOwnWait}): a server that keeps saying "2 s"
 *       while its window is full would otherwise be asked every 2 s by every caller.</li>
 *   <li><b>Pace.</b> When a probe passes, the gate knows roughly what the window allowed: the
 *       calls sent in a span as long as the block, before it began. From then on at most that
 *       many calls leave in any such span (a sliding window like the server's), so a steady run
 *       meets about one 429 per window instead of one per call in flight. The learnt pace is
 *       dropped after ten windows without a 429: a limit that was raised is found again.</li>
 * </ul>
 *
 * <p>Plain Java, no Camel: the enrich route calls it through {@link SpotifyCalls}.
 */
public final class RateLimitGate {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitGate.class);

    /** Send times kept for learning and pacing (a power of two); a learnt limit is at most this. */
    private static final int LOG_SIZE = 1 << 16;
    private static final int WINDOWS_BEFORE_FORGETTING = 10;

    private final Clock clock;
    private final Duration maxOwnWait;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /**
     * Send times (epoch ms) of recent calls in a ring, written without a lock by every call (in
     * steady state a call takes no lock at all): entry {@code i & (LOG_SIZE - 1)} is the i-th call.
     */
    private final AtomicLongArray sent = new AtomicLongArray(LOG_SIZE);
    private final AtomicLong calls = new AtomicLong();

    private volatile long openAtMillis;
    private volatile boolean blocked;      // a 429 was met and no probe has passed since
    private volatile int learntLimit;      // 0: no pace learnt
    private long blockedSinceMillis;       // under the lock, as the rest below
    private boolean probeInFlight;
    private int probeRefusals;
    private long learntWindowMillis;
    private long lastRefusalMillis;

    /** @param maxOwnWait the longest wait the gate imposes on its own (a server's longer Retry-After still counts) */
    public RateLimitGate(Clock clock, Duration maxOwnWait) {
        this.clock = clock;
        this.maxOwnWait = maxOwnWait;
    }

    /**
     * Blocks until a call may leave and returns whether it is the probe after a block. A wait
     * above {@code maxInlineWait} is never slept through: the work is parked instead.
     */
    public boolean awaitTurn(Duration maxInlineWait) throws InterruptedException, RateLimitParkedException {
        long now = clock.millis();
        if (!blocked && learntLimit == 0 && now >= openAtMillis) {
            record(now); // the common case: nothing to wait for, no lock
            return false;
        }
        lock.lockInterruptibly();
        try {
            while (true) {
                now = clock.millis();
                if (now < openAtMillis) {
                    long wait = openAtMillis - now;
                    if (wait > maxInlineWait.toMillis()) {
                        throw new RateLimitParkedException(Instant.ofEpochMilli(openAtMillis), "");
                    }
                    changed.await(wait, TimeUnit.MILLISECONDS);
                } else if (probeInFlight) {
                    changed.await(); // the probe's answer decides for everybody
                } else if (blocked) {
                    probeInFlight = true;
                    record(now);
                    return true;
                } else {
                    long paceWait = paceWaitMillis(now);
                    if (paceWait <= 0) {
                        record(now);
                        return false;
                    }
                    changed.await(paceWait, TimeUnit.MILLISECONDS);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A 429 with this wait; called before the caller's turn goes to the next call. */
    public void refused(boolean probe, Duration retryAfter) {
        lock.lock();
        try {
            long now = clock.millis();
            lastRefusalMillis = now;
            long wait = retryAfter.toMillis();
            if (!blocked) {
                blocked = true;
                blockedSinceMillis = now;
                probeRefusals = 0;
            } else if (probe) {
                probeRefusals++;
                long grown = retryAfter.toMillis() << Math.min(20, probeRefusals);
                wait = Math.max(retryAfter.toMillis(), Math.min(grown, maxOwnWait.toMillis()));
            }
            openAtMillis = Math.max(openAtMillis, now + wait);
            if (probe) {
                probeInFlight = false;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Any other outcome (an answer that is not a 429, or no answer at all): a probe that got
     * through ends the block and the pace is learnt from it.
     */
    public void passed(boolean probe, boolean answered) {
        if (!probe) {
            return;
        }
        lock.lock();
        try {
            probeInFlight = false;
            if (answered && blocked) {
                learnPace(clock.millis());
                blocked = false;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How long the next call would wait now (0: it may go); for tests. */
    Duration nextCallWait() {
        lock.lock();
        try {
            long now = clock.millis();
            return Duration.ofMillis(Math.max(0, Math.max(openAtMillis - now, paceWaitMillis(now))));
        } finally {
            lock.unlock();
        }
    }

    /** When the calls may go again (the past when they may now). */
    public Instant openAt() {
        return Instant.ofEpochMilli(openAtMillis);
    }

    /** The learnt pace as "calls per window", or empty; for tests. */
    String pace() {
        lock.lock();
        try {
            return learntLimit == 0 ? "" : learntLimit + " calls / " + learntWindowMillis + " ms";
        } finally {
            lock.unlock();
        }
    }

    /** The calls sent in a span as long as the block, before it began, and the span they took. */
    private void learnPace(long passedAt) {
        long blockMillis = Math.max(1, passedAt - blockedSinceMillis);
        long count = Math.min(calls.get(), LOG_SIZE);
        int allowed = 0;
        long earliest = blockedSinceMillis;
        for (int i = 0; i < count; i++) {
            long at = sent.get(i);
            if (at >= blockedSinceMillis - blockMillis && at < blockedSinceMillis) {
                allowed++;
                earliest = Math.min(earliest, at);
            }
        }
        if (allowed > 0) {
            learntLimit = Math.min(allowed, LOG_SIZE - 1);
            learntWindowMillis = passedAt - earliest;
            LOG.info("Spotify rate limit: pacing calls to at most {} per {} ms", learntLimit, learntWindowMillis);
        }
    }

    /** 0 when a call may leave now under the learnt pace, else how long until one may. */
    private long paceWaitMillis(long now) {
        int limit = learntLimit;
        if (limit == 0) {
            return 0;
        }
        if (now - lastRefusalMillis > WINDOWS_BEFORE_FORGETTING * learntWindowMillis) {
            learntLimit = 0; // no 429 for ten windows: the limit may have been raised
            return 0;
        }
        long n = calls.get();
        if (n < limit) {
            return 0;
        }
        // the limit-th most recent call must have left the window before another may go
        long limitthMostRecent = sent.get((int) ((n - limit) & (LOG_SIZE - 1)));
        return limitthMostRecent + learntWindowMillis - now;
    }

    private void record(long now) {
        sent.set((int) (calls.getAndIncrement() & (LOG_SIZE - 1)), now);
    }
}
