package dev.artistenricher.spotify;

import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Which headers cross the camel-http endpoints to Spotify. Out: only {@code If-None-Match}, which the
 * route sets itself from the store after dropping every header of the message. A message's headers
 * come from outside (a file, a JMS or Kafka message, a caller's route) and must never choose an HTTP
 * header of ours; {@code Authorization} is added by the client itself. In: only what the routes
 * decide on ({@code Retry-After}, {@code Content-Type}, {@code ETag}); Spotify's other response
 * headers do not leak into the message.
 */
public final class SpotifyHeaderFilter implements HeaderFilterStrategy {

    private static final Set<String> PASSED_IN = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        PASSED_IN.add("Retry-After");
        PASSED_IN.add("Content-Type");
        PASSED_IN.add(Exchange.CONTENT_TYPE);
        PASSED_IN.add(SpotifyRequest.ETAG);
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !SpotifyRequest.IF_NONE_MATCH.equalsIgnoreCase(headerName);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !PASSED_IN.contains(headerName);
    }
}
