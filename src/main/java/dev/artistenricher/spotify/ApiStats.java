package dev.artistenricher.spotify;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Counters of the calls made to the Web API, for logs, summaries and metrics. Each call's latency
 * goes to an observer (the metrics' histogram when metrics are on): this package, which the
 * Kamelet carries too, needs no metrics library.
 */
public final class ApiStats {

    /** The statuses metrics are reported for; anything else counts as "other". */
    public static final java.util.List<String> TRACKED_STATUSES =
            java.util.List.of("200", "304", "400", "401", "403", "404", "429", "500", "502", "503", "io_error", "timeout", "other");

    private final LongAdder calls = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder retryWaitMillis = new LongAdder();
    private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    private volatile LongConsumer latencyObserver = nanos -> { };

    /** Hands each call's latency, in nanoseconds, to {@code observer}; it runs on the calling thread, so it must take no lock. */
    public void observeLatency(LongConsumer observer) {
        latencyObserver = observer;
    }

    void recordCall(String status, long nanos) {
        calls.increment();
        latencyObserver.accept(nanos);
        String tracked = TRACKED_STATUSES.contains(status) ? status : "other";
        byStatus.computeIfAbsent(tracked, s -> new LongAdder()).increment();
    }

    public long callsWithStatus(String status) {
        LongAdder n = byStatus.get(status);
        return n == null ? 0 : n.sum();
    }

    void recordRateLimited(long waitMillis) {
        rateLimited.increment();
        retryWaitMillis.add(waitMillis);
    }

    public long calls() {
        return calls.sum();
    }

    public long rateLimited() {
        return rateLimited.sum();
    }

    public long retryWaitMillis() {
        return retryWaitMillis.sum();
    }

    /** Calls by HTTP status, or {@code io_error} for calls that got no answer. */
    public Map<String, Long> callsByStatus() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        byStatus.forEach((status, n) -> copy.put(status, n.sum()));
        return copy;
    }
}
