package dev.artistenricher.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * What Spotify said when it did not answer 200, e.g. {@code HTTP 503: Service unavailable}. The Web
 * API writes {@code {"error": {"status", "message", "reason"?}}}; the accounts service
 * {@code {"error": "...", "error_description": "..."}}. The body was read by camel-jackson
 * ({@code unmarshal: json}) in the route; a body that was not JSON arrives as text and is ignored.
 *
 * @param reason the Web API's {@code error.reason}, e.g. {@code QUOTA_EXCEEDED}, or ""
 */
public record SpotifyErrorMessage(int status, String message, String reason) {

    public static SpotifyErrorMessage of(@Header("CamelHttpResponseCode") int status, @Body Object body) {
        if (!(body instanceof JsonNode json)) {
            return new SpotifyErrorMessage(status, "", "");
        }
        JsonNode error = json.path("error");
        String message = error.isTextual()
                ? error.asText() + (json.path("error_description").isTextual() ? ": " + json.path("error_description").asText() : "")
                : error.path("message").asText("");
        return new SpotifyErrorMessage(status, message, error.path("reason").asText(""));
    }

    @Override
    public String toString() {
        return "HTTP " + status + (message.isEmpty() ? "" : ": " + message);
    }
}
