package dev.artistenricher.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** One client-credentials request to the token endpoint (RFC 6749 §4.4, credentials in HTTP Basic). */
public final class TokenEndpointClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SpotifyHttp http;
    private final URI tokenUrl;
    private final String basicCredentials;
    private final Clock clock;

    public TokenEndpointClient(SpotifyHttp http, URI tokenUrl, String clientId, String clientSecret, Clock clock) {
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.basicCredentials = "Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    public AccessToken requestToken() throws TokenRequestException, InterruptedException {
        Instant sentAt = clock.instant();
        SpotifyHttp.Response response;
        try {
            response = http.postForm(tokenUrl, basicCredentials, "grant_type=client_credentials");
        } catch (IOException e) {
            throw new TokenRequestException("token endpoint unreachable: " + describe(e), e);
        }
        int status = response.status();
        JsonNode body = parse(new String(response.body(), StandardCharsets.UTF_8));
        if (status == 200 && body.path("access_token").isTextual()) {
            long expiresIn = body.path("expires_in").asLong(3600);
            return new AccessToken(body.path("access_token").asText(), sentAt, Duration.ofSeconds(Math.max(1, expiresIn)));
        }
        String error = body.path("error").asText("");
        String description = body.path("error_description").asText("");
        String reason = "HTTP " + status + (error.isEmpty() ? "" : " " + error) + (description.isEmpty() ? "" : ": " + description);
        boolean rejected = status == 400 || status == 401 || status == 403 || "invalid_client".equals(error);
        throw new TokenRequestException(reason, rejected);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
