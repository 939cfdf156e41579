package dev.artistenricher.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Test-side HTTP client for the emulator: plain java.net.http, as a real client would use it. */
final class EmulatorClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final SpotifyEmulator emulator;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    EmulatorClient(SpotifyEmulator emulator) {
        this.emulator = emulator;
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> postToken(String authorization, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** A valid access token for the demo credentials. */
    String token() {
        HttpResponse<String> response = postToken(
                basic(SpotifyEmulator.DEMO_CLIENT_ID, SpotifyEmulator.DEMO_CLIENT_SECRET), "grant_type=client_credentials");
        if (response.statusCode() != 200) {
            throw new AssertionError("token request failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("access_token").asText();
    }

    /** GET {@code apiUrl() + pathAndQuery} with the given Authorization header value (null = none). */
    HttpResponse<String> get(String pathAndQuery, String authorization, String... headers) {
        return send(getRequest(pathAndQuery, authorization, headers));
    }

    HttpRequest getRequest(String pathAndQuery, String authorization, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.apiUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request.build();
    }

    HttpResponse<String> artists(String token, String... ids) {
        return get("/artists?ids=" + String.join(",", ids), "Bearer " + token);
    }

    HttpResponse<String> artist(String token, String id, String... headers) {
        return get("/artists/" + id, "Bearer " + token, headers);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends without wrapping the IOException, for tests that expect one. */
    HttpResponse<String> sendRaw(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpClient http() {
        return http;
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
