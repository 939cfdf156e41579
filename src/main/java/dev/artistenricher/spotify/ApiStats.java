package dev.artistenricher.spotify;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the calls made to the Web API, for logs, summaries and metrics. */
public final class ApiStats {

    private final LongAdder calls = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder retryWaitMillis = new LongAdder();
    private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();

    void recordCall(String status) {
        calls.increment();
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
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
