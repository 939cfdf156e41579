package dev.artistenricher.sandbox;

/**
 * An error answer decided before the request itself is looked at (auth, throttling, injected faults).
 *
 * @param status            HTTP status
 * @param body              Spotify error body
 * @param retryAfterSeconds value of the Retry-After header, or 0 for none
 * @param wwwAuthenticate   value of the WWW-Authenticate header, or null for none
 */
record ApiRejection(int status, byte[] body, long retryAfterSeconds, String wwwAuthenticate) {

    static ApiRejection of(int status, byte[] body) {
        return new ApiRejection(status, body, 0, null);
    }

    static ApiRejection tooManyRequests(byte[] body, long retryAfterSeconds) {
        return new ApiRejection(429, body, retryAfterSeconds, null);
    }
}
