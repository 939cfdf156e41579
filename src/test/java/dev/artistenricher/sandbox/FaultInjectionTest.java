package dev.artistenricher.sandbox;

import static dev.artistenricher.sandbox.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class FaultInjectionTest extends EmulatorTestBase {

    @Test
    void errorRateOneAnswersOnly5xxWithSpotifyBody() {
        emulator.controls().errorRate(1.0);

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = client.artists(token, RADIOHEAD);
            assertThat(response.statusCode()).isIn(500, 502, 503);
            assertThat(json(response).get("error").get("status").asInt()).isEqualTo(response.statusCode());
            assertThat(json(response).get("error").get("message").asText()).isNotBlank();
        }
        assertThat(emulator.stats().callsWithStatus(500) + emulator.stats().callsWithStatus(502)
                + emulator.stats().callsWithStatus(503)).isEqualTo(20);
        assertThat(emulator.stats().idsServed()).isZero();
    }

    @Test
    void resetRateOneDropsConnections() {
        emulator.controls().resetRate(1.0);

        assertThatThrownBy(() -> client.sendRaw(client.getRequest("/artists/" + RADIOHEAD, "Bearer " + token)))
                .isInstanceOf(IOException.class);
        assertThat(emulator.stats().droppedConnections()).isPositive();

        emulator.controls().resetRate(0);
        assertThat(client.artist(token, RADIOHEAD).statusCode()).isEqualTo(200);
    }

    @Test
    void failNextAnswersTheGivenStatusThenRecovers() {
        emulator.controls().failNext(2, 502);

        assertThat(client.artist(token, RADIOHEAD).statusCode()).isEqualTo(502);
        HttpResponse<String> second = client.artist(token, RADIOHEAD);
        assertThat(second.statusCode()).isEqualTo(502);
        assertThat(second.body()).isEqualTo("{\"error\":{\"status\":502,\"message\":\"Bad gateway\"}}");
        assertThat(client.artist(token, RADIOHEAD).statusCode()).isEqualTo(200);
    }

    @Test
    void failNextWith401LooksLikeAnInvalidToken() {
        emulator.controls().failNext(1, 401);

        HttpResponse<String> response = client.artist(token, RADIOHEAD);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }
}
