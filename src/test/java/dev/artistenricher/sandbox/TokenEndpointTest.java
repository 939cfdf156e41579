package dev.artistenricher.sandbox;

import static dev.artistenricher.sandbox.EmulatorClient.basic;
import static dev.artistenricher.sandbox.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {

    private static final String DEMO = basic(SpotifyEmulator.DEMO_CLIENT_ID, SpotifyEmulator.DEMO_CLIENT_SECRET);
    private static SpotifyEmulator emulator;
    private static EmulatorClient client;

    @BeforeAll
    static void start() throws IOException {
        emulator = SpotifyEmulator.start(0);
        client = new EmulatorClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void resetEmulator() {
        emulator.controls().reset();
        emulator.stats().reset();
    }

    @Test
    void urlsPointAtLoopback() {
        assertThat(emulator.port()).isPositive();
        assertThat(emulator.baseUrl()).isEqualTo("http://127.0.0.1:" + emulator.port());
        assertThat(emulator.tokenUrl()).isEqualTo(emulator.baseUrl() + "/api/token");
        assertThat(emulator.apiUrl()).isEqualTo(emulator.baseUrl() + "/v1");
    }

    @Test
    void issuesBearerTokenForBasicCredentials() {
        HttpResponse<String> response = client.postToken(DEMO, "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = json(response);
        assertThat(body.get("access_token").asText()).hasSizeGreaterThanOrEqualTo(60).matches("[A-Za-z0-9_-]+");
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asInt()).isEqualTo(3600);
        assertThat(body.has("refresh_token")).isFalse();
        assertThat(emulator.stats().tokensIssued()).isEqualTo(1);
    }

    @Test
    void issuesTokenForFormCredentialsWithConfiguredLifetime() {
        emulator.controls().tokenLifetime(Duration.ofSeconds(90));
        HttpResponse<String> response = client.postToken(null,
                "grant_type=client_credentials&client_id=sandbox-client-id&client_secret=sandbox-client-secret");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("expires_in").asInt()).isEqualTo(90);
    }

    @Test
    void tokensAreUnique() {
        assertThat(client.token()).isNotEqualTo(client.token());
    }

    @Test
    void acceptsOnlyConfiguredCredentials() {
        emulator.controls().credentials("my-id", "my-secret");

        assertThat(client.postToken(DEMO, "grant_type=client_credentials").statusCode()).isEqualTo(400);
        assertThat(client.postToken(basic("my-id", "my-secret"), "grant_type=client_credentials").statusCode())
                .isEqualTo(200);
    }

    @Test
    void rejectsUnknownClientWrongSecretAndMissingCredentials() {
        HttpResponse<String> unknown = client.postToken(basic("nobody", "x"), "grant_type=client_credentials");
        HttpResponse<String> wrongSecret = client.postToken(basic(SpotifyEmulator.DEMO_CLIENT_ID, "wrong"),
                "grant_type=client_credentials");
        HttpResponse<String> none = client.postToken(null, "grant_type=client_credentials");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"Invalid client\"}");
        assertThat(wrongSecret.statusCode()).isEqualTo(400);
        assertThat(wrongSecret.body())
                .isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"Invalid client secret\"}");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).isEqualTo("{\"error\":\"invalid_client\"}");
        assertThat(emulator.stats().tokenRejections()).isEqualTo(3);
        assertThat(emulator.stats().tokensIssued()).isZero();
    }

    @Test
    void rejectsMissingOrUnsupportedGrantType() {
        HttpResponse<String> missing = client.postToken(DEMO, "");
        HttpResponse<String> wrong = client.postToken(DEMO, "grant_type=password");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(json(missing).get("error_description").asText()).isEqualTo("grant_type parameter is missing");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(json(wrong).get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void onlyPostIsAllowed() {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(emulator.tokenUrl())).GET().build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(emulator.stats().tokenRequests()).isEqualTo(1);
        assertThat(emulator.stats().tokenRejections()).isEqualTo(1);
    }

    @Test
    void forcedStatusAndDroppedConnections() {
        emulator.controls().tokenEndpointStatus(503);
        HttpResponse<String> unavailable = client.postToken(DEMO, "grant_type=client_credentials");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).isEqualTo("{\"error\":\"server_error\"}");

        emulator.controls().tokenEndpointStatus(0);
        emulator.controls().tokenEndpointDropConnections(true);
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.tokenUrl()))
                .header("Authorization", DEMO).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        assertThatThrownBy(() -> client.sendRaw(request)).isInstanceOf(IOException.class);
        assertThat(emulator.stats().tokensIssued()).isZero();
    }
}
