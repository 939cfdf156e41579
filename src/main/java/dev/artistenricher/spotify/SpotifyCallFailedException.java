package dev.artistenricher.spotify;

/**
 * A call to the Web API that may succeed when tried again: a 5xx, a second 401, no answer at all
 * (connection refused or reset, timeout), or an answer that cannot be read. The enrich route's
 * {@code onException} redelivers the call with exponential back-off until
 * {@code enricher.retry.give-up-after}; the message becomes the {@code api_error} detail.
 */
public final class SpotifyCallFailedException extends Exception {

    public SpotifyCallFailedException(String message) {
        super(message);
    }

    public SpotifyCallFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
