package dev.artistenricher.spotify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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

    /** Send times kept for pacing; more than any learnt window needs at Spotify's rates. */
    private static final int MAX_LOG = 100_000;
    private static final int WINDOWS_BEFORE_FORGETTING = 10;

    private final Clock clock;
    private final Duration maxOwnWait;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Send times (epoch ms) of recent calls, oldest first. */
    private final ArrayDeque<Long> sent = new ArrayDeque<>();

    private Instant openAt = Instant.EPOCH;
    private Instant blockedSince;      // first 429 of the current block; null when not blocked
    private boolean probeInFlight;
    private int probeRefusals;
    private int learntLimit;           // 0: no pace learnt
    private long learntWindowMillis;
    private Instant lastRefusal = Instant.EPOCH;

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
        lock.lockInterruptibly();
        try {
            while (true) {
                Instant now = clock.instant();
                if (now.isBefore(openAt)) {
                    Duration wait = Duration.between(now, openAt);
                    if (wait.compareTo(maxInlineWait) > 0) {
                        throw new RateLimitParkedException(openAt, "");
                    }
                    changed.await(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
                } else if (probeInFlight) {
                    changed.await(); // the probe's answer decides for everybody
                } else if (blockedSince != null) {
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

    /** Closes the gate for at least {@code wait} from now, as soon as a 429 is seen; {@link #refused} settles it. */
    public void closeFor(Duration wait) {
        lock.lock();
        try {
            Instant until = clock.instant().plus(wait);
            if (until.isAfter(openAt)) {
                openAt = until;
            }
        } finally {
            lock.unlock();
        }
    }

    /** A 429 with this wait; called before the caller's turn goes to the next call. */
    public void refused(boolean probe, Duration retryAfter) {
        lock.lock();
        try {
            Instant now = clock.instant();
            lastRefusal = now;
            Duration wait = retryAfter;
            if (blockedSince == null) {
                blockedSince = now;
                probeRefusals = 0;
            } else if (probe) {
                probeRefusals++;
                long grown = retryAfter.toMillis() << Math.min(20, probeRefusals);
                wait = Duration.ofMillis(Math.max(retryAfter.toMillis(), Math.min(grown, maxOwnWait.toMillis())));
            }
            Instant until = now.plus(wait);
            if (until.isAfter(openAt)) {
                openAt = until;
            }
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
        lock.lock();
        try {
            if (probe) {
                probeInFlight = false;
                if (answered && blockedSince != null) {
                    learnPace(clock.instant());
                    blockedSince = null;
                }
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** When the calls may go again (the past when they may now). */
    public Instant openAt() {
        lock.lock();
        try {
            return openAt;
        } finally {
            lock.unlock();
        }
    }

    /** The learnt pace as "calls per window", or empty; for logs and tests. */
    public String pace() {
        lock.lock();
        try {
            return learntLimit == 0 ? "" : learntLimit + " calls / " + learntWindowMillis + " ms";
        } finally {
            lock.unlock();
        }
    }

    private void learnPace(Instant passedAt) {
        long blockMillis = Math.max(1, Duration.between(blockedSince, passedAt).toMillis());
        long blockStart = blockedSince.toEpochMilli();
        int allowed = 0;
        long earliest = blockStart;
        for (long at : sent) {
            if (at >= blockStart - blockMillis && at < blockStart) {
                allowed++;
                earliest = Math.min(earliest, at);
            }
        }
        if (allowed > 0) {
            learntLimit = allowed;
            learntWindowMillis = passedAt.toEpochMilli() - earliest;
        }
    }

    /** 0 when a call may leave now under the learnt pace, else how long until one may. */
    private long paceWaitMillis(Instant now) {
        if (learntLimit == 0) {
            return 0;
        }
        long nowMillis = now.toEpochMilli();
        if (nowMillis - lastRefusal.toEpochMilli() > WINDOWS_BEFORE_FORGETTING * learntWindowMillis) {
            learntLimit = 0;
            return 0;
        }
        long windowStart = nowMillis - learntWindowMillis;
        int inWindow = 0;
        Long oldestInWindow = null;
        var newestFirst = sent.descendingIterator();
        while (newestFirst.hasNext()) {
            long at = newestFirst.next();
            if (at <= windowStart) {
                break;
            }
            inWindow++;
            oldestInWindow = at;
        }
        if (inWindow < learntLimit) {
            return 0;
        }
        return Math.max(1, oldestInWindow - windowStart);
    }

    private void record(Instant now) {
        sent.addLast(now.toEpochMilli());
        long keepFrom = now.toEpochMilli() - Math.max(learntWindowMillis, maxOwnWait.toMillis() * 4);
        while (sent.size() > MAX_LOG || (!sent.isEmpty() && sent.peekFirst() < keepFrom)) {
            sent.pollFirst();
        }
    }
}
