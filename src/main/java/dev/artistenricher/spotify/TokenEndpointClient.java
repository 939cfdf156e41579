package dev.artistenricher.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** One client-credentials request to the token endpoint (RFC 6749 §4.4, credentials in HTTP Basic). */
public final class TokenEndpointClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI tokenUrl;
    private final String basicCredentials;
    private final Duration timeout;
    private final Clock clock;

    public TokenEndpointClient(HttpClient http, URI tokenUrl, String clientId, String clientSecret, Duration timeout, Clock clock) {
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.basicCredentials = "Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.clock = clock;
    }

    public AccessToken requestToken() throws TokenRequestException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .timeout(timeout)
                .header("Authorization", basicCredentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        Instant sentAt = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenRequestException("token endpoint unreachable: " + describe(e), e);
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
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
