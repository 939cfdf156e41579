package dev.artistenricher.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthenticationTest extends EmulatorTestBase {

    @Test
    void missingTokenIs401WithBareChallenge() {
        HttpResponse<String> response = client.get("/artists/" + RADIOHEAD, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"spotify\"");
        assertThat(response.body()).contains("\"status\":401");
    }

    @Test
    void nonBearerAuthorizationIs400() {
        HttpResponse<String> response = client.get("/artists/" + RADIOHEAD, "Basic Zm9vOmJhcg==");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"error\":{\"status\":400,\"message\":\"Only valid bearer authentication supported\"}}");
    }

    @Test
    void unknownTokenIs401InvalidToken() {
        HttpResponse<String> response = client.artist("made-up-token", RADIOHEAD);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(
                "Bearer realm=\"spotify\", error=\"invalid_token\", error_description=\"Invalid access token\"");
        assertThat(emulator.stats().unknownTokenCalls()).isEqualTo(1);
    }

    @Test
    void tokensReallyExpire() {
        emulator.controls().tokenLifetime(Duration.ofSeconds(1));
        String shortLived = client.token();
        assertThat(client.artist(shortLived, RADIOHEAD).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.artist(shortLived, RADIOHEAD).statusCode() == 401);

        HttpResponse<String> expired = client.artist(shortLived, RADIOHEAD);
        assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValue(
                "Bearer realm=\"spotify\", error=\"invalid_token\", error_description=\"The access token expired\"");
        assertThat(expired.body()).isEqualTo("{\"error\":{\"status\":401,\"message\":\"Missing/invalid/expired access token\"}}");
        assertThat(emulator.stats().expiredTokenCalls()).isGreaterThanOrEqualTo(2);
        assertThat(emulator.stats().unknownTokenCalls()).isZero();
        assertThat(client.artist(token, RADIOHEAD).statusCode()).isEqualTo(200); // the long-lived one still works
    }

    @Test
    void revokedTokensAreRefusedBeforeExpiry() {
        assertThat(client.artist(token, RADIOHEAD).statusCode()).isEqualTo(200);

        emulator.controls().revokeTokens();

        assertThat(client.artist(token, RADIOHEAD).statusCode()).isEqualTo(401);
        assertThat(emulator.stats().unknownTokenCalls()).isEqualTo(1);
        assertThat(client.artist(client.token(), RADIOHEAD).statusCode()).isEqualTo(200);
    }

    @Test
    void authenticationComesBeforeValidation() {
        assertThat(client.artist("bad", "malformed").statusCode()).isEqualTo(401);
        assertThat(emulator.stats().callsWithStatus(401)).isEqualTo(1);
        assertThat(emulator.stats().singleCalls()).isEqualTo(1);
    }
}
