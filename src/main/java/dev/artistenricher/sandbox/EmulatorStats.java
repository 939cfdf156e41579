package dev.artistenricher.sandbox;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What clients did to the emulator: counts that tests and benchmarks assert on.
 *
 * <p>All getters are thread-safe. Counters are {@link LongAdder}s because many handler threads
 * increment them at once and they are read rarely.
 */
public final class EmulatorStats {

    private final LongAdder tokenRequests = new LongAdder();
    private final LongAdder tokensIssued = new LongAdder();
    private final LongAdder tokenRejections = new LongAdder();
    private final LongAdder apiCalls = new LongAdder();
    private final LongAdder batchCalls = new LongAdder();
    private final LongAdder singleCalls = new LongAdder();
    private final LongAdder searchCalls = new LongAdder();
    private final java.util.Queue<String> searchQueries = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final LongAdder expiredTokenCalls = new LongAdder();
    private final LongAdder unknownTokenCalls = new LongAdder();
    private final LongAdder callsDuringRetryAfter = new LongAdder();
    private final LongAdder idsServed = new LongAdder();
    private final LongAdder idsRequested = new LongAdder();
    private final LongAdder droppedConnections = new LongAdder();
    private final AtomicLongArray callsByStatus = new AtomicLongArray(600);
    private final Map<String, LongAdder> tokensByClient = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> callsByClient = new ConcurrentHashMap<>();
    private final AtomicInteger concurrentCalls = new AtomicInteger();
    private final AtomicInteger maxConcurrentCalls = new AtomicInteger();
    private final AtomicLong retryAllowedAt = new AtomicLong(); // NanoClock time; 0 = nothing announced
    private final Set<String> servedIds = ConcurrentHashMap.newKeySet();

    EmulatorStats() {
    }

    /** Requests to {@code /api/token}, whatever their outcome. */
    public long tokenRequests() {
        return tokenRequests.sum();
    }

    /** Access tokens handed out. */
    public long tokensIssued() {
        return tokensIssued.sum();
    }

    /** 4xx answers of the token endpoint (bad credentials, bad grant type, wrong method, forced 4xx). */
    public long tokenRejections() {
        return tokenRejections.sum();
    }

    /** Every request to {@code /v1/**}, whatever its outcome. */
    public long apiCalls() {
        return apiCalls.sum();
    }

    /** {@code GET /v1/artists?ids=} requests. */
    public long batchCalls() {
        return batchCalls.sum();
    }

    /** {@code GET /v1/artists/{id}} requests. */
    public long singleCalls() {
        return singleCalls.sum();
    }

    /** {@code GET /v1/search} requests, whatever their outcome. */
    public long searchCalls() {
        return searchCalls.sum();
    }

    /** The decoded {@code q} of every search that passed validation, in arrival order. */
    public java.util.List<String> searchQueries() {
        return java.util.List.copyOf(searchQueries);
    }

    /** {@code /v1} answers with this HTTP status (dropped connections have none and are not counted here). */
    public long callsWithStatus(int status) {
        return status >= 0 && status < callsByStatus.length() ? callsByStatus.get(status) : 0;
    }

    /** {@code /v1} requests carrying a token that had been issued but was past its expiry. */
    public long expiredTokenCalls() {
        return expiredTokenCalls.sum();
    }

    /** {@code /v1} requests carrying a token that was never issued or has been revoked. */
    public long unknownTokenCalls() {
        return unknownTokenCalls.sum();
    }

    /** {@code /v1} requests that arrived before an earlier announced Retry-After (of any 429) had elapsed. */
    public long callsDuringRetryAfter() {
        return callsDuringRetryAfter.sum();
    }

    /** Non-null artist objects returned, batch and single. */
    public long idsServed() {
        return idsServed.sum();
    }

    /** Artist IDs asked for: batch sizes summed plus one per single request. */
    public long idsRequested() {
        return idsRequested.sum();
    }

    /** {@code /v1} connections dropped on purpose (see {@link EmulatorControls#resetRate}). */
    public long droppedConnections() {
        return droppedConnections.sum();
    }

    /** Highest number of {@code /v1} requests being handled at the same time (including injected latency). */
    public int maxConcurrentCalls() {
        return maxConcurrentCalls.get();
    }

    /** Tokens issued to this client ID. */
    public long tokensIssuedTo(String clientId) {
        LongAdder count = tokensByClient.get(clientId);
        return count == null ? 0 : count.sum();
    }

    /** API calls that carried a valid token issued to this client ID. */
    public long apiCallsBy(String clientId) {
        LongAdder count = callsByClient.get(clientId);
        return count == null ? 0 : count.sum();
    }

    /** Distinct IDs ever returned as a non-null artist: a live, read-only view of a concurrent set. */
    public Set<String> servedIds() {
        return Collections.unmodifiableSet(servedIds);
    }

    /** Sets every counter back to zero and forgets served IDs and announced Retry-After deadlines. */
    public void reset() {
        for (LongAdder adder : new LongAdder[] {tokenRequests, tokensIssued, tokenRejections, apiCalls, batchCalls,
                singleCalls, searchCalls, expiredTokenCalls, unknownTokenCalls, callsDuringRetryAfter, idsServed, idsRequested,
                droppedConnections}) {
            adder.reset();
        }
        for (int i = 0; i < callsByStatus.length(); i++) {
            callsByStatus.set(i, 0);
        }
        maxConcurrentCalls.set(concurrentCalls.get());
        retryAllowedAt.set(0);
        servedIds.clear();
        searchQueries.clear();
        tokensByClient.clear();
        callsByClient.clear();
    }

    @Override
    public String toString() {
        return "EmulatorStats[tokenRequests=" + tokenRequests() + ", tokensIssued=" + tokensIssued()
                + ", apiCalls=" + apiCalls() + ", batchCalls=" + batchCalls() + ", singleCalls=" + singleCalls() + ", searchCalls=" + searchCalls()
                + ", idsRequested=" + idsRequested() + ", idsServed=" + idsServed()
                + ", 429=" + callsWithStatus(429) + ", callsDuringRetryAfter=" + callsDuringRetryAfter()
                + ", maxConcurrentCalls=" + maxConcurrentCalls() + "]";
    }

    // Package-private write side, used by the request handlers.

    void tokenRequest() {
        tokenRequests.increment();
    }

    void tokenIssued(String clientId) {
        tokensIssued.increment();
        tokensByClient.computeIfAbsent(clientId, c -> new LongAdder()).increment();
    }

    void callWithTokenOf(String clientId) {
        if (clientId != null) {
            callsByClient.computeIfAbsent(clientId, c -> new LongAdder()).increment();
        }
    }

    void tokenRejected() {
        tokenRejections.increment();
    }

    /** Records the arrival of a {@code /v1} request; pair with {@link #apiCallFinished()}. */
    void apiCallStarted(long now) {
        apiCalls.increment();
        int concurrent = concurrentCalls.incrementAndGet();
        maxConcurrentCalls.accumulateAndGet(concurrent, Math::max);
        long allowedAt = retryAllowedAt.get();
        if (allowedAt != 0 && now < allowedAt) {
            callsDuringRetryAfter.increment();
        }
    }

    void apiCallFinished() {
        concurrentCalls.decrementAndGet();
    }

    void batchCall(int ids) {
        batchCalls.increment();
        idsRequested.add(ids);
    }

    void singleCall() {
        singleCalls.increment();
        idsRequested.increment();
    }

    void searchCall() {
        searchCalls.increment();
    }

    void searched(String query) {
        searchQueries.add(query);
    }

    void status(int status) {
        if (status >= 0 && status < callsByStatus.length()) {
            callsByStatus.incrementAndGet(status);
        }
    }

    void expiredTokenCall() {
        expiredTokenCalls.increment();
    }

    void unknownTokenCall() {
        unknownTokenCalls.increment();
    }

    void connectionDropped() {
        droppedConnections.increment();
    }

    /** Remembers a Retry-After deadline told to a client; the latest one wins. */
    void retryAfterAnnounced(long allowedAt) {
        retryAllowedAt.accumulateAndGet(allowedAt, Math::max);
    }

    void served(String id) {
        idsServed.increment();
        servedIds.add(id);
    }
}
