package dev.artistenricher.queue;

/**
 * Spotify could not answer for some IDs of a message within {@code enricher.retry.give-up-after}.
 * In queue mode (with {@code enricher.queue.api-error=redeliver}) this fails the message instead of
 * emitting {@code api_error} rejects: the broker redelivers it later (JMS: then to the dead letter
 * queue after the last attempt; Kafka: the same records are polled again).
 */
public class SpotifyUnavailableException extends RuntimeException {

    public SpotifyUnavailableException(String message) {
        super(message);
    }
}
