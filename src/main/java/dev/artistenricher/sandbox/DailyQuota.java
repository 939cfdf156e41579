package dev.artistenricher.sandbox;

/**
 * The Development Mode quota: after a number of artist IDs served, calls are refused until the
 * quota resets, then the same allowance is granted again.
 */
final class DailyQuota {

    private volatile boolean enabled;
    private long allowance;
    private long resetNanos;
    private long served;
    private long exhaustedUntil; // 0 = not exhausted

    /** Sets the allowance and the reset delay; a negative allowance disables the quota. */
    synchronized void configure(long idsBeforeExhausted, long retryAfterNanos) {
        this.allowance = idsBeforeExhausted;
        this.resetNanos = Math.max(0, retryAfterNanos);
        this.served = 0;
        this.exhaustedUntil = 0;
        this.enabled = idsBeforeExhausted >= 0;
    }

    /**
     * Checks a call arriving at {@code now}.
     *
     * @return 0 if the quota allows it, otherwise the nanoseconds until the quota resets
     */
    long check(long now) {
        if (!enabled) {
            return 0;
        }
        synchronized (this) {
            if (!enabled) {
                return 0;
            }
            if (exhaustedUntil != 0) {
                if (now < exhaustedUntil) {
                    return exhaustedUntil - now;
                }
                exhaustedUntil = 0; // reset time reached: replenish
                served = 0;
            }
            if (served >= allowance) {
                exhaustedUntil = now + resetNanos;
                return Math.max(1, resetNanos);
            }
            return 0;
        }
    }

    /** Counts artist objects returned, against the allowance. */
    void recordServed(long ids) {
        if (!enabled || ids == 0) {
            return;
        }
        synchronized (this) {
            served += ids;
        }
    }
}
