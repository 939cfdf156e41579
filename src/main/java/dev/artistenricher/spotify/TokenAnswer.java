package dev.artistenricher.spotify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The token endpoint's JSON, as camel-jackson reads it in the {@code spotify-token} route:
 * {@code {"access_token", "token_type", "expires_in"}} on success,
 * {@code {"error", "error_description"}} on failure. {@link #toString()} never shows the token, so
 * neither a tracer nor an error log can print it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenAnswer(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") Long expiresIn,
        @JsonProperty("error") String error,
        @JsonProperty("error_description") String errorDescription) {

    @Override
    public String toString() {
        return "TokenAnswer[access_token=" + (accessToken == null ? "none" : "****") + ", token_type=" + tokenType
                + ", expires_in=" + expiresIn + ", error=" + error + ", error_description=" + errorDescription + "]";
    }
}
