package dev.artistenricher.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Knobs that make the emulator behave like a slow, failing, throttled or restricted Spotify.
 *
 * <p>Every setter is thread-safe and takes effect for the next request, so tests and benchmarks
 * can change behaviour while clients are running. {@link #reset()} restores the defaults.
 */
public final class EmulatorControls {

    /** Default token lifetime: Spotify's {@code expires_in} of one hour. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);

    private final TokenStore tokens;
    private final RollingWindowRateLimiter rateLimiter = new RollingWindowRateLimiter();
    private final DailyQuota quota = new DailyQuota();
    private final CountdownInjection failNext = new CountdownInjection();
    private final CountdownInjection tooManyRequestsNext = new CountdownInjection();

    private volatile ClientCredentials credentials;
    private final java.util.Map<String, ClientCredentials> otherClients = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Duration tokenLifetime;
    private volatile boolean developmentMode;
    private volatile long latencyNanos;
    private volatile boolean syntheticCatalog;
    private volatile double errorRate;
    private volatile double resetRate;
    private volatile int tokenEndpointStatus;
    private volatile boolean tokenEndpointDropConnections;
    /** Artists changed since the start (or the last reset), by ID: what a later call serves instead. */
    private final java.util.Map<String, java.util.function.UnaryOperator<Artist>> changedArtists =
            new java.util.concurrent.ConcurrentHashMap<>();

    EmulatorControls(TokenStore tokens) {
        this.tokens = tokens;
        reset();
    }

    /**
     * Another client the token endpoint accepts besides {@link #credentials}, until {@link #reset}
     * (tests of applications that hold two apps' tokens at once).
     */
    public void addClient(String clientId, String clientSecret) {
        otherClients.put(Objects.requireNonNull(clientId), new ClientCredentials(clientId, Objects.requireNonNull(clientSecret)));
    }

    /** The only client id/secret the token endpoint accepts; default {@link SpotifyEmulator#DEMO_CLIENT_ID} / {@code DEMO_CLIENT_SECRET}. */
    public void credentials(String clientId, String clientSecret) {
        this.credentials = new ClientCredentials(Objects.requireNonNull(clientId), Objects.requireNonNull(clientSecret));
    }

    /**
     * Lifetime of tokens issued from now on (reported as {@code expires_in} in whole seconds).
     * Tokens really expire: one used after issue + lifetime is refused as expired. Default 1 hour.
     */
    public void tokenLifetime(Duration lifetime) {
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("token lifetime must not be negative: " + lifetime);
        }
        this.tokenLifetime = lifetime;
    }

    /**
     * Development Mode: the batch endpoint answers 403 and artist objects lack
     * {@code followers}, {@code popularity} and {@code genres}. Default off.
     */
    public void developmentMode(boolean on) {
        this.developmentMode = on;
    }

    /** Delay added to every {@code /v1} and token request (the handler sleeps). Default zero. */
    public void latency(Duration latency) {
        this.latencyNanos = Math.max(0, latency.toNanos());
    }

    /**
     * If on, every well-formed ID that is not in the catalog gets a deterministic generated artist
     * instead of {@code null}/404, so benchmarks can use any number of distinct IDs. Default off.
     */
    public void syntheticCatalog(boolean on) {
        this.syntheticCatalog = on;
    }

    /** Fraction (0..1) of {@code /v1} calls answered 500, 502 or 503 with a Spotify error body. Default 0. */
    public void errorRate(double fraction) {
        this.errorRate = fraction(fraction);
    }

    /** Fraction (0..1) of {@code /v1} calls whose connection is dropped without any answer. Default 0. */
    public void resetRate(double fraction) {
        this.resetRate = fraction(fraction);
    }

    /** The next {@code calls} {@code /v1} calls answer {@code status} with the Spotify error body. */
    public void failNext(int calls, int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("failNext needs an error status (4xx/5xx): " + status);
        }
        failNext.arm(calls, status);
    }

    /** The next {@code calls} {@code /v1} calls answer 429 "API rate limit exceeded" with this Retry-After. */
    public void tooManyRequestsNext(int calls, int retryAfterSeconds) {
        tooManyRequestsNext.arm(calls, Math.max(1, retryAfterSeconds));
    }

    /**
     * Rolling-window rate limit: more than {@code maxCalls} {@code /v1} calls within {@code window}
     * get 429 with a Retry-After of the time until the window frees (at least 1 s); calling during
     * an announced wait extends it by a second. {@code maxCalls = 0} turns it off (default).
     */
    public void rateLimit(int maxCalls, Duration window) {
        rateLimiter.configure(maxCalls, window.toNanos());
    }

    /**
     * As {@link #rateLimit(int, Duration)}, but every 429 announces {@code retryAfter} (e.g. 2 s)
     * instead of the time until the window frees, as the real service does; a call after it is
     * checked against the window again (and refused again while the window is full).
     */
    public void rateLimit(int maxCalls, Duration window, Duration retryAfter) {
        rateLimiter.configure(maxCalls, window.toNanos(), retryAfter.toNanos());
    }

    /**
     * Development Mode daily quota: once {@code idsBeforeExhausted} artist objects have been served,
     * {@code /v1} calls answer 429 with reason {@code QUOTA_EXCEEDED} until {@code retryAfter} has
     * passed; then the allowance is granted again. {@code -1} turns it off (default).
     */
    public void quota(long idsBeforeExhausted, Duration retryAfter) {
        quota.configure(idsBeforeExhausted, retryAfter.toNanos());
    }

    /** Forces the token endpoint to answer this status (e.g. 503 {@code {"error":"server_error"}}); 0 = normal (default). */
    public void tokenEndpointStatus(int status) {
        if (status != 0 && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("token endpoint status must be 0 or 4xx/5xx: " + status);
        }
        this.tokenEndpointStatus = status;
    }

    /** If on, the token endpoint drops every connection without answering. Default off. */
    public void tokenEndpointDropConnections(boolean on) {
        this.tokenEndpointDropConnections = on;
    }

    /** Every token issued so far becomes invalid: it gets 401 before its {@code expires_in}. */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    /**
     * From now on the artist with this ID (catalog or synthetic) has this popularity: the artist
     * changed at Spotify between two calls (its batch answers get a new ETag too).
     */
    public void changePopularity(String id, int popularity) {
        changeArtist(id, a -> new Artist(a.id(), a.name(), a.genres(), popularity, a.followers(), a.images()));
    }

    /** From now on the artist with this ID has this many followers. */
    public void changeFollowers(String id, long followers) {
        changeArtist(id, a -> new Artist(a.id(), a.name(), a.genres(), a.popularity(), followers, a.images()));
    }

    /** From now on the artist with this ID has this name. */
    public void renameArtist(String id, String name) {
        Objects.requireNonNull(name);
        changeArtist(id, a -> new Artist(a.id(), name, a.genres(), a.popularity(), a.followers(), a.images()));
    }

    private void changeArtist(String id, java.util.function.UnaryOperator<Artist> change) {
        changedArtists.merge(id, change, (earlier, later) -> a -> later.apply(earlier.apply(a)));
    }

    /** All controls back to their defaults; issued tokens and stats are left alone. */
    public void reset() {
        credentials(SpotifyEmulator.DEMO_CLIENT_ID, SpotifyEmulator.DEMO_CLIENT_SECRET);
        otherClients.clear();
        tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        developmentMode = false;
        latencyNanos = 0;
        syntheticCatalog = false;
        errorRate = 0;
        resetRate = 0;
        failNext.clear();
        tooManyRequestsNext.clear();
        rateLimiter.configure(0, 0);
        quota.configure(-1, 0);
        tokenEndpointStatus = 0;
        tokenEndpointDropConnections = false;
        changedArtists.clear();
    }

    private static double fraction(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("fraction must be within 0..1: " + value);
        }
        return value;
    }

    // Package-private read side, used by the request handlers.

    ClientCredentials credentials() {
        return credentials;
    }

    /** The accepted credentials with this client id, or null. */
    ClientCredentials credentialsOf(String clientId) {
        ClientCredentials primary = credentials;
        return primary.clientId().equals(clientId) ? primary : otherClients.get(clientId);
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }

    /** How the artist with this ID was changed by a test, or null when it is as the catalog has it. */
    java.util.function.UnaryOperator<Artist> artistChange(String id) {
        return changedArtists.isEmpty() ? null : changedArtists.get(id);
    }

    boolean developmentMode() {
        return developmentMode;
    }

    long latencyNanos() {
        return latencyNanos;
    }

    boolean syntheticCatalog() {
        return syntheticCatalog;
    }

    double errorRate() {
        return errorRate;
    }

    double resetRate() {
        return resetRate;
    }

    int tokenEndpointStatus() {
        return tokenEndpointStatus;
    }

    boolean tokenEndpointDropConnections() {
        return tokenEndpointDropConnections;
    }

    RollingWindowRateLimiter rateLimiter() {
        return rateLimiter;
    }

    DailyQuota quota() {
        return quota;
    }

    CountdownInjection failNextInjection() {
        return failNext;
    }

    CountdownInjection tooManyRequestsInjection() {
        return tooManyRequestsNext;
    }
}
