package dev.artistenricher.http;

/**
 * A request {@code POST /enrich} answers with an error status of its own choosing (401, 400, 413,
 * 415, 429, 503) rather than a failure: expected, so it carries no stack trace (a saturated server
 * refuses many of them, fast).
 *
 * @see HttpEnrich#refused
 */
public final class HttpRefusal extends Exception {

    private final int status;
    private final long retryAfterSeconds;

    private HttpRefusal(int status, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static HttpRefusal of(int status, String message) {
        return new HttpRefusal(status, message, -1);
    }

    /** A refusal the client may try again after the given number of seconds ({@code Retry-After}). */
    public static HttpRefusal retryAfter(int status, String message, long seconds) {
        return new HttpRefusal(status, message, Math.max(1, seconds));
    }

    public int status() {
        return status;
    }

    /** Seconds for {@code Retry-After}, or -1 when the request should not be repeated as it is. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
